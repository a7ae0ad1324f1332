// What execution environments write their log lines to: CloudWatch-shaped events by group and stream.

/** Where in user code a log line was emitted (recorded by our runtime bootstraps). */
export interface CallSite {
  readonly file: string;
  /** One-based line and column, as stack traces print them. */
  readonly line: number;
  readonly column: number;
}

export interface LogEvent {
  /** Epoch milliseconds when the line was produced. */
  readonly timestamp: number;
  /** The CloudWatch message; like Lambda's, it ends with a newline. */
  readonly message: string;
  /** The invocation it belongs to, when known. */
  readonly requestId?: string;
  readonly callSite?: CallSite;
}

export interface LogSink {
  append(group: string, stream: string, event: LogEvent): void;
}
