// The local counterpart of CloudTrail: one JSON line per management call (and per denied invocation)
// with time, caller, operation, target and outcome. Never request bodies, variables or credentials.
import * as fs from 'node:fs';

/** Who made a call: the SigV4 access key and, in strict mode, the principal mapped to it. */
export interface CallerIdentity {
  readonly accessKeyId: string;
  readonly principal?: string | undefined;
}

/** Calls made by the engine's host (CLI, editor) rather than over HTTP. */
export const LOCAL_CALLER: CallerIdentity = { accessKeyId: 'local' };

export interface AuditRecord {
  readonly time: string;
  readonly caller: CallerIdentity;
  readonly operation: string;
  /** The ARN acted on (qualified when the call named a version or alias). */
  readonly target: string;
  /** `Success`, or the exception name of the failure. */
  readonly outcome: string;
  readonly message?: string;
}

/** Append-only audit file. */
export class AuditLog {
  constructor(readonly file: string, private readonly now: () => number = Date.now) {}

  append(record: Omit<AuditRecord, 'time'>): void {
    const line = JSON.stringify({ time: new Date(this.now()).toISOString(), ...record }) + '\n';
    fs.appendFileSync(this.file, line, { mode: 0o600 });
  }

  /** Every record so far, oldest first (for the UI and tests). */
  read(): AuditRecord[] {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return [];
    }
    const out: AuditRecord[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        out.push(JSON.parse(line) as AuditRecord);
      } catch {
        // A line cut short by a crash: skip it.
      }
    }
    return out;
  }
}
