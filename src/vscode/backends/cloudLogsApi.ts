// What the log panel needs from CloudWatch Logs in an AWS account (implemented with the SDK by
// awsLogs.ts), in plain shapes so the panel's source stays testable without VS Code.

export interface CloudLogGroup {
  readonly name: string;
  /** Without the trailing `:*` (what StartLiveTail takes). */
  readonly arn: string;
  readonly storedBytes: number;
  readonly retentionInDays?: number;
}

export interface CloudLogEvent {
  readonly id: string;
  readonly stream: string;
  readonly timestamp: number;
  readonly message: string;
}

export interface CloudLogsApi {
  /** Log groups whose names start with `prefix` (`/aws/lambda/`: the functions' groups). */
  listLogGroups(prefix: string): Promise<CloudLogGroup[]>;
  /** Newest first. */
  listLogStreams(group: string): Promise<{ name: string; lastEventTimestamp?: number }[]>;
  /** FilterLogEvents: one page, oldest first; `nextToken` resumes it. */
  filterLogEvents(group: string, options: { readonly stream?: string; readonly pattern: string; readonly limit: number; readonly startTime?: number; readonly nextToken?: string }): Promise<{ events: CloudLogEvent[]; nextToken?: string }>;
  /** StartLiveTail on one group; returns the function that ends the session. */
  startLiveTail(groupArn: string, options: { readonly stream?: string; readonly pattern: string }, onEvents: (events: CloudLogEvent[]) => void, onError: (message: string) => void): () => void;
}
