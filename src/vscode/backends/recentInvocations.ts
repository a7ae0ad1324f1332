// The last invocations this window made on an AWS backend, by request id: Lambda keeps no copy of an
// event, so this is how a request-id link on cloud logs can still open the event and its response.
import type { ArchivedInvocation } from '../../core/logs/invocationArchive';
import type { InvokeResult } from './lambdaBackend';

const KEEP = 200;

export class RecentInvocations {
  private readonly byId = new Map<string, ArchivedInvocation>();

  /** Records one invocation (the oldest is dropped past 200). */
  add(functionName: string, event: Buffer, r: InvokeResult): void {
    if (!r.requestId) return;
    this.byId.set(r.requestId, {
      requestId: r.requestId,
      functionName,
      invokedArn: '',
      invocationType: 'RequestResponse',
      executedVersion: r.executedVersion,
      logGroup: `/aws/lambda/${functionName}`,
      logStreamName: '',
      startedAt: Date.now(),
      durationMs: r.durationMs ?? 0,
      billedDurationMs: r.billedDurationMs ?? 0,
      ...(r.initDurationMs !== undefined ? { initDurationMs: r.initDurationMs } : {}),
      maxMemoryUsedMb: r.maxMemoryUsedMb ?? 0,
      coldStart: r.coldStart ?? false,
      ...(r.errorType ? { errorType: r.errorType } : {}),
      payload: event.toString('utf8'),
      response: r.payload,
    });
    if (this.byId.size > KEEP) this.byId.delete(this.byId.keys().next().value as string);
  }

  get(requestId: string): ArchivedInvocation | undefined {
    return this.byId.get(requestId);
  }
}
