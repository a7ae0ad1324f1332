// Reads the template's EventInvokeConfig (SAM) of each function into store entries; SQS / SNS
// destinations without a Destination get the queue or topic SAM would create for them.
import type { Partition } from '../arn';
import type { TemplateEventInvokeConfig } from '../invoke/eventInvokeConfigs';
import type { FunctionSpec } from '../project/functionSpec';
import { qualifierOf, type TargetOf } from './templateTarget';

/** A queue or topic SAM creates implicitly for a destination without an ARN. */
export interface ImplicitDestination {
  readonly kind: 'sqs' | 'sns';
  readonly name: string;
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Store entries and implicit destinations for the template's functions. */
export function templateEventInvokeConfigs(functions: readonly FunctionSpec[], p: Partition, targetOf: TargetOf): { configs: TemplateEventInvokeConfig[]; implicit: ImplicitDestination[] } {
  const configs: TemplateEventInvokeConfig[] = [];
  const implicit: ImplicitDestination[] = [];
  for (const fn of functions) {
    const c = fn.eventInvokeConfig;
    if (!c) continue;
    const dest = asRecord(c['DestinationConfig']);
    const destination = (which: 'OnSuccess' | 'OnFailure'): string | undefined => {
      const d = asRecord(dest[which]);
      if (typeof d['Destination'] === 'string') return d['Destination'];
      const type = String(d['Type'] ?? '');
      if (type !== 'SQS' && type !== 'SNS') return undefined;
      const name = `${fn.logicalId}EventInvokeConfig${which}${type === 'SQS' ? 'Queue' : 'Topic'}`;
      implicit.push({ kind: type === 'SQS' ? 'sqs' : 'sns', name });
      return `arn:aws:${type.toLowerCase()}:${p.region}:${p.accountId}:${name}`;
    };
    const retries = Number(c['MaximumRetryAttempts']);
    const age = Number(c['MaximumEventAgeInSeconds']);
    const onSuccess = destination('OnSuccess');
    const onFailure = destination('OnFailure');
    configs.push({
      functionName: fn.functionName,
      qualifier: qualifierOf(targetOf(fn)),
      ...(c['MaximumRetryAttempts'] !== undefined && Number.isInteger(retries) ? { maximumRetryAttempts: retries } : {}),
      ...(c['MaximumEventAgeInSeconds'] !== undefined && Number.isInteger(age) ? { maximumEventAgeInSeconds: age } : {}),
      ...(onSuccess ? { onSuccess } : {}),
      ...(onFailure ? { onFailure } : {}),
    });
  }
  return { configs, implicit };
}
