// Invoke of a durable function: starts a durable execution. RequestResponse waits for its end (Lambda
// allows it only up to a 15-minute ExecutionTimeout); Event answers 202 at once. Both name the ARN.
import { invalidParameter } from '../errors';
import type { DurableStarter } from '../invoke/invoker';
import type { DurableEngine } from './durableEngine';

const SYNC_LIMIT_SECONDS = 900;

/** The Invoker's `startDurable` hook, backed by the durable engine. */
export function durableStarter(engine: DurableEngine): DurableStarter {
  return async (request, requestId, target, type) => {
    const durable = target.config.durableConfig;
    if (type === 'RequestResponse' && durable && durable.executionTimeout > SYNC_LIMIT_SECONDS && !request.durableParent) {
      throw invalidParameter(
        `You cannot synchronously invoke a durable function with an ExecutionTimeout greater than ${SYNC_LIMIT_SECONDS} seconds (this one has ${durable.executionTimeout}). Invoke it with InvocationType Event (aws lambda invoke --invocation-type Event) or start it with 'lambda-workbench durable start'.`,
      );
    }
    const header = await engine.start({
      target,
      qualifier: request.qualifier ?? target.alias ?? target.executedVersion,
      payload: request.payload,
      ...(request.durableExecutionName !== undefined ? { name: request.durableExecutionName } : {}),
      ...(request.environment ? { environment: request.environment } : {}),
    });
    if (type === 'Event') return { statusCode: 202, requestId, payload: Buffer.alloc(0), durableExecutionArn: header.arn, executedVersion: header.version };
    const end = await engine.whenFinished(header.arn);
    const failed = end.status !== 'SUCCEEDED';
    const payload = failed
      ? Buffer.from(JSON.stringify({ errorType: end.error?.ErrorType ?? end.status, errorMessage: end.error?.ErrorMessage ?? `The durable execution ended ${end.status}.` }))
      : Buffer.from(end.result ?? 'null');
    return { statusCode: 200, requestId, payload, durableExecutionArn: end.arn, executedVersion: end.version, ...(failed ? { functionError: 'Unhandled' as const } : {}) };
  };
}
