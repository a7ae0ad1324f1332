// The durable executions on disk: one journal (durable/executions.jsonl) of execution headers and
// operation changes; a change is acknowledged to the SDK only after it reached the disk (fdatasync).
import * as path from 'node:path';
import { Journal } from '../invoke/journal';
import type { ExecutionHeader, HistoryEvent, Operation } from './durableTypes';
import { ExecutionState, type Change } from './executionState';

type JournalRecord =
  | { readonly k: 'header'; readonly header: ExecutionHeader }
  | { readonly k: 'change'; readonly arn: string; readonly ops: Operation[]; readonly events: HistoryEvent[] };

// Past this many records the journal is rewritten as one header and one change per execution.
const COMPACT_AFTER_RECORDS = 10_000;

export class DurableStore {
  private readonly journal: Journal<JournalRecord>;
  /** Executions by ARN, in start order. */
  readonly executions = new Map<string, ExecutionState>();

  constructor(stateDir: string) {
    const { journal, records } = Journal.open<JournalRecord>(path.join(stateDir, 'durable', 'executions.jsonl'));
    this.journal = journal;
    for (const r of records) {
      if (r.k === 'header') {
        const existing = this.executions.get(r.header.arn);
        if (existing) existing.header = r.header;
        else this.executions.set(r.header.arn, new ExecutionState(r.header));
      } else {
        // A change can follow the compacted snapshot that already holds it: events are counted once.
        const e = this.executions.get(r.arn);
        e?.record(r.ops, r.events.filter((ev) => ev.EventId > e.events.length));
      }
    }
    for (const e of this.executions.values()) e.dirty.clear();
  }

  /** Persists a header (start, status change); resolves once on disk. */
  saveHeader(header: ExecutionHeader): Promise<void> {
    return this.journal.append({ k: 'header', header });
  }

  /** Persists a change; resolves once on disk. */
  saveChange(arn: string, change: Change): Promise<void> {
    if (change.ops.length === 0 && change.events.length === 0) return Promise.resolve();
    const written = this.journal.append({ k: 'change', arn, ops: change.ops, events: change.events });
    if (this.journal.size > COMPACT_AFTER_RECORDS) this.journal.rewrite(() => this.snapshot());
    return written;
  }

  /** Drops executions whose retention ended, rewriting the journal without them. */
  expire(now: number): void {
    let dropped = false;
    for (const [arn, e] of this.executions) {
      const end = e.header.endTimestamp;
      if (end !== undefined && end + e.header.retentionPeriodInDays * 86_400_000 < now) {
        this.executions.delete(arn);
        dropped = true;
      }
    }
    if (dropped) this.journal.rewrite(() => this.snapshot());
  }

  close(): Promise<void> {
    return this.journal.close();
  }

  private snapshot(): JournalRecord[] {
    const out: JournalRecord[] = [];
    for (const e of this.executions.values()) {
      out.push({ k: 'header', header: e.header });
      out.push({ k: 'change', arn: e.header.arn, ops: [...e.operations.values()], events: e.events });
    }
    return out;
  }
}
