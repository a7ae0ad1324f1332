// The API side of the event subsystems: Lambda REST routes (EventInvokeConfig, event source mappings,
// function URLs), the SNS Query routes, /workbench/v1/ and the SQS / Kinesis JSON targets.
// emulator.ts mounts them; events/ itself knows nothing of the API.
import type { Partition } from '../arn';
import type { EventSources } from '../events/eventSources';
import type { FunctionRegistry } from '../functions/functionRegistry';
import type { Route, TargetService } from './http/router';
import { kinesisTarget } from './kinesis/kinesisTarget';
import { eventInvokeConfigRoutes } from './lambda/eventInvokeConfigRoutes';
import { eventSourceMappingRoutes } from './lambda/eventSourceMappingRoutes';
import { functionUrlRoutes } from './lambda/functionUrlRoutes';
import { snsQueryRoutes } from './sns/snsQuery';
import { sqsTarget } from './sqs/sqsTarget';
import { workbenchEventRoutes } from './workbench/workbenchEventRoutes';

/** The REST routes of the event subsystems (EventInvokeConfig, mappings, function URLs, /workbench/v1/, SNS). */
export function eventRoutes(events: EventSources, registry: FunctionRegistry): Route[] {
  return [...eventInvokeConfigRoutes(registry, events.eventInvokeConfigs), ...eventSourceMappingRoutes(events.mappings), ...functionUrlRoutes(registry, events.functionUrls), ...workbenchEventRoutes(events), ...snsQueryRoutes(events.topics)];
}

/** The JSON-protocol services of the event subsystems on the same endpoint (SQS, Kinesis). */
export function eventTargets(events: EventSources, partition: Partition): TargetService[] {
  return [sqsTarget(events.queues), kinesisTarget(events.streams, partition)];
}
