// Feeds the invoker's events into the metrics store and the invocation archive (one subscription each).
import type { ExecutionInfo, InvocationRecord, Invoker } from '../invoke/invoker';
import type { InvocationArchive } from '../logs/invocationArchive';
import { resourceOf, type MetricsStore, type SeriesKey } from './metricsStore';

const seriesOf = (info: ExecutionInfo): SeriesKey => ({ functionName: info.functionName, resource: resourceOf(info.invokedArn), executedVersion: info.executedVersion });

/** Subscribes `metrics` and `archive` to `invoker`; returns the unsubscribe function. */
export function observeInvocations(invoker: Invoker, metrics: MetricsStore, archive: InvocationArchive, logGroupOf: (functionName: string) => string | undefined): () => void {
  const onInvocation = (r: InvocationRecord): void => {
    const o = r.outcome;
    metrics.recordInvocation(seriesOf({ functionName: r.functionName, invokedArn: r.invokedArn, executedVersion: o.executedVersion }), o.startedAt, o.durationMs, o.errorType !== undefined);
    const payload = archive.clip(r.payload.toString('utf8'));
    const response = archive.clip(o.payload.toString('utf8'));
    archive.add({
      requestId: o.requestId,
      functionName: r.functionName,
      invokedArn: r.invokedArn,
      invocationType: r.invocationType,
      executedVersion: o.executedVersion,
      logGroup: logGroupOf(r.functionName) ?? `/aws/lambda/${r.functionName}`,
      logStreamName: o.logStreamName,
      startedAt: o.startedAt,
      durationMs: o.durationMs,
      billedDurationMs: o.billedDurationMs,
      ...(o.initDurationMs !== undefined ? { initDurationMs: o.initDurationMs } : {}),
      maxMemoryUsedMb: o.maxMemoryUsedMb,
      coldStart: o.coldStart,
      ...(o.errorType !== undefined ? { errorType: o.errorType } : {}),
      payload: payload.text,
      response: response.text,
      ...(payload.truncated ? { payloadTruncated: true } : {}),
      ...(response.truncated ? { responseTruncated: true } : {}),
    });
  };
  const onThrottle = (i: ExecutionInfo): void => metrics.recordThrottle(seriesOf(i));
  const onStart = (i: ExecutionInfo): void => metrics.executionStarted(seriesOf(i));
  const onEnd = (i: ExecutionInfo): void => metrics.executionEnded(seriesOf(i));
  invoker.on('invocation', onInvocation);
  invoker.on('throttle', onThrottle);
  invoker.on('executionStart', onStart);
  invoker.on('executionEnd', onEnd);
  return () => {
    invoker.off('invocation', onInvocation);
    invoker.off('throttle', onThrottle);
    invoker.off('executionStart', onStart);
    invoker.off('executionEnd', onEnd);
  };
}
