// Counts the async queue's metrics (AsyncEventsReceived, AsyncEventAge, AsyncEventsDropped,
// DeadLetterErrors, DestinationDeliveryFailures) into the per-minute store, by function and Resource.
import type { AsyncInvocationQueue, AsyncMetric } from '../invoke/asyncQueue';
import type { AsyncCounter, MetricsStore } from './metricsStore';

const counters: Record<Exclude<AsyncMetric['name'], 'AsyncEventAge'>, AsyncCounter> = {
  AsyncEventsReceived: 'asyncEventsReceived',
  AsyncEventsDropped: 'asyncEventsDropped',
  DeadLetterErrors: 'deadLetterErrors',
  DestinationDeliveryFailures: 'destinationDeliveryFailures',
};

/** Subscribes the store to the queue; async metrics carry no executed version (Lambda's have none either). */
export function observeAsyncMetrics(queue: AsyncInvocationQueue, metrics: MetricsStore): void {
  queue.on('metric', (m) => {
    const key = { functionName: m.functionName, resource: m.resource, executedVersion: '' };
    if (m.name === 'AsyncEventAge') metrics.recordAsyncEventAge(key, m.value);
    else metrics.recordAsync(key, counters[m.name], m.value);
  });
}
