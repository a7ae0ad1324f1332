// Where a finished async event is reported (fidelity 8): the invocation record to OnSuccess /
// OnFailure, the original event to the DLQ of the version that ran, each delivery noted in the history.
import { functionArn, type Partition } from '../arn';
import type { Clock } from '../clock';
import { messageOf } from '../errors';
import type { ResolvedFunction } from '../functions/functionRegistry';
import type { AsyncEventHistory, FailureCondition, StoredEvent } from './asyncEventStore';
import { RECURSION_STOPPED } from './recursionGuard';
import { deadLetterAttributes, errorMessageOf, invocationRecord, type DestinationSender, type MessageAttributes, type RecordResponse } from './destinations';

/** The failure conditions an invocation record can carry. */
export type RecordedCondition = Exclude<FailureCondition, 'FunctionNotFound'>;

/** Reports outcomes; `onDeliveryFailure` counts DeadLetterErrors / DestinationDeliveryFailures. */
export class AsyncOutcomes {
  constructor(
    private readonly partition: Partition,
    private readonly clock: Clock,
    private readonly destinations: DestinationSender,
    private readonly onDeliveryFailure: (metric: 'DeadLetterErrors' | 'DestinationDeliveryFailures', ev: StoredEvent, message: string) => void,
  ) {}

  /** Sends the Success record when an OnSuccess destination is set. */
  async success(ev: StoredEvent, h: AsyncEventHistory, response: RecordResponse | undefined, onSuccess: string | undefined): Promise<void> {
    if (onSuccess) await this.deliver(ev, h, 'OnSuccess', onSuccess, this.record(ev, h, 'Success', response));
  }

  /** Sends the failure record to OnFailure and the event to the DLQ (both when both are set). */
  async failure(ev: StoredEvent, h: AsyncEventHistory, response: RecordResponse | undefined, condition: RecordedCondition, onFailure: string | undefined, target: ResolvedFunction | undefined): Promise<void> {
    if (onFailure) await this.deliver(ev, h, 'OnFailure', onFailure, this.record(ev, h, condition, response));
    // The DLQ belongs to the version that ran (a published version keeps its own).
    const dlq = target?.config.deadLetterTargetArn ?? target?.entry.spec?.deadLetterQueue?.targetArn;
    if (!dlq) return;
    const attrs = response?.functionError
      ? deadLetterAttributes(ev.id, '200', errorMessageOf(response.payload))
      : condition === 'RecursiveInvocationDropped'
        ? deadLetterAttributes(ev.id, '400', RECURSION_STOPPED)
        : deadLetterAttributes(ev.id, '429', condition === 'ZeroReservedConcurrency' ? 'Rate Exceeded.' : `Event age exceeded (${condition})`);
    await this.deliver(ev, h, 'DeadLetterQueue', dlq, ev.payload, attrs);
  }

  private record(ev: StoredEvent, h: AsyncEventHistory, condition: 'Success' | RecordedCondition, response: RecordResponse | undefined): string {
    const zero = condition === 'ZeroReservedConcurrency' || condition === 'RecursiveInvocationDropped';
    return invocationRecord({
      requestId: ev.id,
      functionArn: functionArn(this.partition, ev.name, ev.q ?? '$LATEST'),
      condition,
      approximateInvokeCount: zero ? 0 : h.invokeCount,
      requestPayload: ev.payload,
      response: zero ? undefined : response,
      timestamp: this.clock.now(),
    });
  }

  private async deliver(ev: StoredEvent, h: AsyncEventHistory, kind: 'OnSuccess' | 'OnFailure' | 'DeadLetterQueue', arn: string, body: string, attributes?: MessageAttributes): Promise<void> {
    try {
      await this.destinations.send(arn, body, attributes);
      h.deliveries.push({ kind, arn, at: this.clock.now(), ok: true });
    } catch (err) {
      h.deliveries.push({ kind, arn, at: this.clock.now(), ok: false, error: messageOf(err) });
      const what = kind === 'DeadLetterQueue' ? 'dead-letter queue' : `${kind} destination`;
      this.onDeliveryFailure(kind === 'DeadLetterQueue' ? 'DeadLetterErrors' : 'DestinationDeliveryFailures', ev, `${ev.name}: could not deliver event ${ev.id} to its ${what} ${arn}: ${messageOf(err)}`);
    }
  }
}
