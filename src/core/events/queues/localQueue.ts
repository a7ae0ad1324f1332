// One SQS-shaped queue: journaled messages, delays, visibility timeouts, receive counts, redrive to a
// dead-letter queue after maxReceiveCount, FIFO groups and deduplication, long polling.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Clock, TimerHandle } from '../../clock';
import { ApiError } from '../../errors';
import { Journal } from '../../invoke/journal';
import { md5, md5OfAttributes, type MessageAttributeMap, type SqsMessage } from './sqsMessage';

/** Queue attributes as numbers and flags (the API speaks strings). */
export interface QueueSettings {
  readonly visibilityTimeout: number;
  readonly delaySeconds: number;
  readonly messageRetentionPeriod: number;
  readonly maximumMessageSize: number;
  readonly receiveMessageWaitTimeSeconds: number;
  readonly redrivePolicy: { readonly deadLetterTargetArn: string; readonly maxReceiveCount: number } | undefined;
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
}

/** SQS's defaults for a new queue. */
export const defaultSettings: QueueSettings = {
  visibilityTimeout: 30,
  delaySeconds: 0,
  messageRetentionPeriod: 345600,
  maximumMessageSize: 262144,
  receiveMessageWaitTimeSeconds: 0,
  redrivePolicy: undefined,
  fifo: false,
  contentBasedDeduplication: false,
};

/** What SendMessage needs once validated. */
export interface SendInput {
  readonly body: string;
  readonly attributes: MessageAttributeMap;
  readonly delaySeconds?: number;
  readonly groupId?: string;
  readonly dedupId?: string;
  readonly senderId: string;
  readonly sourceArn?: string;
  readonly messageId?: string;
  /** AWSTraceHeader: the sender's X-Amzn-Trace-Id (recursive loop detection follows it). */
  readonly traceHeader?: string;
}

type Entry =
  | { readonly k: 'm'; readonly m: SqsMessage }
  | { readonly k: 'v'; readonly id: string; readonly rc: number; readonly fr: number | undefined; readonly va: number; readonly rh: string | undefined }
  | { readonly k: 'x'; readonly id: string }
  | { readonly k: 'p' };

const DEDUP_WINDOW_MS = 5 * 60_000;
// FIFO sequence numbers are 20-digit increasing decimal strings.
const SEQUENCE_BASE = 10n ** 19n;

/** Emits `available` when messages may be receivable (new, or visible again). */
export class LocalQueue extends EventEmitter {
  private readonly messages = new Map<string, SqsMessage>();
  private readonly dedup = new Map<string, { messageId: string; sequenceNumber: string | undefined; at: number }>();
  private readonly journal: Journal<Entry>;
  private wake: { at: number; handle: TimerHandle } | undefined;
  private sequence = 0n;
  private closed = false;

  constructor(
    readonly name: string,
    readonly arn: string,
    public settings: QueueSettings,
    file: string,
    private readonly clock: Clock,
    /** Moves a message that exceeded maxReceiveCount to the dead-letter queue. */
    private readonly redrive: (m: SqsMessage, targetArn: string) => Promise<void>,
  ) {
    super();
    // Every poller and long-polling ReceiveMessage waits on `available`.
    this.setMaxListeners(0);
    const { journal, records } = Journal.open<Entry>(file);
    this.journal = journal;
    for (const r of records) {
      if (r.k === 'm') this.messages.set(r.m.messageId, r.m);
      else if (r.k === 'x') this.messages.delete(r.id);
      else if (r.k === 'p') this.messages.clear();
      else {
        const m = this.messages.get(r.id);
        if (m) Object.assign(m, { receiveCount: r.rc, firstReceiveTimestamp: r.fr, visibleAt: r.va, receipt: r.rh });
      }
    }
    for (const m of this.messages.values()) if (m.sequenceNumber !== undefined) this.sequence = BigInt(m.sequenceNumber) - SEQUENCE_BASE;
    this.compact();
    this.scheduleWake();
  }

  /** Stores a message (fsync) and returns it; a FIFO duplicate returns the original instead. */
  async send(input: SendInput): Promise<SqsMessage> {
    const now = this.clock.now();
    let dedupId = input.dedupId;
    let duplicateOf: { messageId: string; sequenceNumber: string | undefined } | undefined;
    if (this.settings.fifo) {
      if (dedupId === undefined && this.settings.contentBasedDeduplication) dedupId = createHash('sha256').update(input.body).digest('hex');
      const seen = dedupId === undefined ? undefined : this.dedup.get(dedupId);
      if (seen && now - seen.at < DEDUP_WINDOW_MS) duplicateOf = seen;
    }
    const delay = this.settings.fifo ? this.settings.delaySeconds : (input.delaySeconds ?? this.settings.delaySeconds);
    const m: SqsMessage = {
      messageId: input.messageId ?? randomUUID(),
      body: input.body,
      attributes: input.attributes,
      md5OfBody: md5(input.body),
      md5OfMessageAttributes: md5OfAttributes(input.attributes),
      sentTimestamp: now,
      senderId: input.senderId,
      ...(input.groupId !== undefined ? { groupId: input.groupId } : {}),
      ...(this.settings.fifo && dedupId !== undefined ? { dedupId } : {}),
      ...(this.settings.fifo ? { sequenceNumber: (SEQUENCE_BASE + ++this.sequence).toString() } : {}),
      ...(input.sourceArn !== undefined ? { sourceArn: input.sourceArn } : {}),
      ...(input.traceHeader !== undefined ? { traceHeader: input.traceHeader } : {}),
      receiveCount: 0,
      firstReceiveTimestamp: undefined,
      visibleAt: now + delay * 1000,
      receipt: undefined,
    };
    // A duplicate is accepted but not stored: the original id, digests of what was sent.
    if (duplicateOf) return { ...m, messageId: duplicateOf.messageId, ...(duplicateOf.sequenceNumber !== undefined ? { sequenceNumber: duplicateOf.sequenceNumber } : {}) };
    // Receivable once written (a killed process keeps it); the sender's answer waits for fdatasync.
    const { written, durable } = this.journal.appendTracked({ k: 'm', m });
    await written;
    if (this.closed) throw new ApiError('ServiceUnavailable', 503, 'The queue was closed while the message was being stored.');
    this.messages.set(m.messageId, m);
    if (dedupId !== undefined && this.settings.fifo) this.dedup.set(dedupId, { messageId: m.messageId, sequenceNumber: m.sequenceNumber, at: now });
    if (delay > 0) this.scheduleWake();
    else this.emit('available');
    await durable;
    return m;
  }

  /** Takes up to `max` visible messages (and `maxBytes` of bodies), hiding them for `visibilityTimeout` seconds. */
  receive(max: number, visibilityTimeout = this.settings.visibilityTimeout, maxBytes = Infinity): SqsMessage[] {
    const now = this.clock.now();
    const out: SqsMessage[] = [];
    let bytes = 0;
    const blockedGroups = new Set<string>();
    const expired: string[] = [];
    for (const m of this.messages.values()) {
      if (out.length >= max) break;
      if (now - m.sentTimestamp > this.settings.messageRetentionPeriod * 1000) {
        expired.push(m.messageId);
        continue;
      }
      const group = this.settings.fifo ? (m.groupId ?? '') : undefined;
      if (group !== undefined && blockedGroups.has(group)) continue;
      if (m.visibleAt > now) {
        if (group !== undefined) blockedGroups.add(group);
        continue;
      }
      const policy = this.settings.redrivePolicy;
      if (policy && m.receiveCount >= policy.maxReceiveCount) {
        // Hidden (not journaled) until the dead-letter queue has it on disk, then removed.
        m.visibleAt = now + 3_600_000;
        this.redrive(m, policy.deadLetterTargetArn).then(() => this.remove(m.messageId), () => (m.visibleAt = now));
        continue;
      }
      bytes += Buffer.byteLength(m.body);
      if (out.length > 0 && bytes > maxBytes) break;
      m.receiveCount++;
      m.firstReceiveTimestamp ??= now;
      m.visibleAt = now + visibilityTimeout * 1000;
      m.receipt = this.receiptFor(m.messageId);
      this.journal.appendLazy({ k: 'v', id: m.messageId, rc: m.receiveCount, fr: m.firstReceiveTimestamp, va: m.visibleAt, rh: m.receipt });
      out.push({ ...m });
    }
    for (const id of expired) this.remove(id);
    if (out.length) this.scheduleWake();
    return out;
  }

  /** Waits until a message may be available or `ms` of real time passed (long polling); false on timeout. */
  waitForMessages(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (got: boolean): void => {
        clearTimeout(timer);
        this.off('available', onAvailable);
        this.off('closed', onClosed);
        resolve(got);
      };
      const onAvailable = (): void => done(true);
      const onClosed = (): void => done(false);
      this.once('available', onAvailable);
      this.once('closed', onClosed);
      timer = setTimeout(() => done(false), ms);
    });
  }

  /** DeleteMessage; a stale handle of a message already gone succeeds like SQS. */
  delete(receipt: string): void {
    const id = this.messageIdOf(receipt);
    const m = this.messages.get(id);
    if (!m) return;
    if (m.receipt !== receipt) throw receiptInvalid(receipt);
    this.remove(id);
  }

  /**
   * Moves an in-flight message to the queue's dead-letter queue now (recursive loop detection stops a
   * chain); false when the queue has no redrive policy (the caller deletes it instead).
   */
  async deadLetter(receipt: string): Promise<boolean> {
    const policy = this.settings.redrivePolicy;
    const m = this.messages.get(this.messageIdOf(receipt));
    if (!policy || !m || m.receipt !== receipt) return false;
    await this.redrive(m, policy.deadLetterTargetArn);
    this.remove(m.messageId);
    return true;
  }

  /** ChangeMessageVisibility of an in-flight message. */
  changeVisibility(receipt: string, seconds: number): void {
    const id = this.messageIdOf(receipt);
    const m = this.messages.get(id);
    const now = this.clock.now();
    if (!m || m.receipt !== receipt || m.visibleAt <= now) {
      throw new ApiError('MessageNotInflight', 400, `Value ${receipt} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`);
    }
    m.visibleAt = now + seconds * 1000;
    this.journal.appendLazy({ k: 'v', id, rc: m.receiveCount, fr: m.firstReceiveTimestamp, va: m.visibleAt, rh: m.receipt });
    if (seconds === 0) this.emit('available');
    else this.scheduleWake();
  }

  purge(): void {
    this.messages.clear();
    this.journal.appendLazy({ k: 'p' });
  }

  /** ApproximateNumberOfMessages / NotVisible / Delayed. */
  counts(): { visible: number; inFlight: number; delayed: number } {
    const now = this.clock.now();
    let visible = 0;
    let inFlight = 0;
    let delayed = 0;
    for (const m of this.messages.values()) {
      if (m.visibleAt <= now) visible++;
      else if (m.receiveCount > 0) inFlight++;
      else delayed++;
    }
    return { visible, inFlight, delayed };
  }

  /** Every stored message (for the UI and tests). */
  peek(): readonly SqsMessage[] {
    return [...this.messages.values()].map((m) => ({ ...m }));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake?.handle.cancel();
    this.emit('closed');
    await this.journal.close();
  }

  /** Removes the journal's history of deleted messages once it outgrows the live ones. */
  private remove(id: string): void {
    if (!this.messages.delete(id)) return;
    this.journal.appendLazy({ k: 'x', id });
    if (this.journal.size > 1000 && this.journal.size > 4 * this.messages.size) this.compact();
  }

  private compact(): void {
    this.journal.rewrite(() => [...this.messages.values()].map((m) => ({ k: 'm' as const, m })));
  }

  private receiptFor(id: string): string {
    return Buffer.from(`${this.name}\n${id}\n${randomBytes(12).toString('base64')}`).toString('base64');
  }

  private messageIdOf(receipt: string): string {
    const parts = Buffer.from(receipt, 'base64').toString('utf8').split('\n');
    if (parts.length !== 3 || parts[0] !== this.name || !parts[1]) throw receiptInvalid(receipt);
    return parts[1];
  }

  // One timer for the next moment a hidden or delayed message becomes visible.
  private scheduleWake(): void {
    if (this.closed) return;
    const now = this.clock.now();
    let next = Infinity;
    for (const m of this.messages.values()) if (m.visibleAt > now && m.visibleAt < next) next = m.visibleAt;
    if (next === Infinity || (this.wake && this.wake.at <= next && this.wake.at > now)) return;
    this.wake?.handle.cancel();
    const handle = this.clock.setTimer(() => {
      this.wake = undefined;
      this.emit('available');
      this.scheduleWake();
    }, next - now);
    this.wake = { at: next, handle };
  }
}

function receiptInvalid(receipt: string): ApiError {
  return new ApiError('ReceiptHandleIsInvalid', 400, `The input receipt handle "${receipt}" is not a valid receipt handle.`);
}
