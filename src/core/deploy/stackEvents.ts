// Executes a change set and follows the stack's events until it completes or rolls back: each new event
// once, in order, with progress (finished resources / changed resources) and the first failure's reason.
// Cancelling an update asks CloudFormation to cancel it (it rolls back); a creation keeps going in the cloud.
import { CancelUpdateStackCommand, DescribeStackEventsCommand, DescribeStacksCommand, ExecuteChangeSetCommand, type CloudFormationClient, type StackEvent as SdkStackEvent } from '@aws-sdk/client-cloudformation';
import { WorkbenchError } from '../errors';
import type { ChangeSetPlan } from './changeSet';
import { pause } from './pause';

/** One stack event as shown. */
export interface StackEvent {
  readonly timestamp: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly status: string;
  readonly reason?: string;
}

/** How an execution ended. */
export interface DeployOutcome {
  readonly stackName: string;
  readonly status: string;
  readonly succeeded: boolean;
  /** The first failed resource and CloudFormation's reason, when it failed. */
  readonly failure?: { readonly logicalId: string; readonly reason: string };
  readonly events: readonly StackEvent[];
  /** Set when the user cancelled while CloudFormation kept working (a creation). */
  readonly detached?: boolean;
}

export interface FollowOptions {
  readonly signal?: AbortSignal;
  readonly onEvent?: (e: StackEvent) => void;
  readonly onProgress?: (done: number, total: number) => void;
  /** Milliseconds between polls (default 2000). */
  readonly pollMs?: number;
}

const TERMINAL = /(_COMPLETE|_FAILED)$/;
const FINISHED_RESOURCE = /^(CREATE|UPDATE|DELETE|IMPORT)_COMPLETE$|_FAILED$|^DELETE_SKIPPED$/;

/** Executes the change set and streams the stack events until the stack settles. */
export async function executeChangeSet(cfn: CloudFormationClient, plan: ChangeSetPlan, options: FollowOptions = {}): Promise<DeployOutcome> {
  // Events up to the newest one before the execution are history (clocks may differ, so no timestamps).
  const before = await cfn.send(new DescribeStackEventsCommand({ StackName: plan.stackName })).catch(() => undefined);
  const since = before?.StackEvents?.[0]?.EventId;
  await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: plan.changeSetId, StackName: plan.stackName }));
  const seen = new Set<string>();
  const events: StackEvent[] = [];
  const finished = new Set<string>();
  const total = Math.max(1, plan.changes.length);
  let cancelRequested = false;
  for (;;) {
    if (options.signal?.aborted && !cancelRequested) {
      cancelRequested = true;
      if (plan.type === 'CREATE') return { stackName: plan.stackName, status: 'CREATE_IN_PROGRESS', succeeded: false, events, detached: true };
      await cfn.send(new CancelUpdateStackCommand({ StackName: plan.stackName }));
    }
    for (const e of await newEvents(cfn, plan.stackName, since, seen)) {
      events.push(e);
      options.onEvent?.(e);
      if (e.logicalId !== plan.stackName && FINISHED_RESOURCE.test(e.status)) {
        finished.add(e.logicalId);
        options.onProgress?.(Math.min(finished.size, total), total);
      }
    }
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: plan.stackId || plan.stackName }))).Stacks?.[0];
    const status = stack?.StackStatus ?? 'UNKNOWN';
    if (TERMINAL.test(status) && !/_CLEANUP_IN_PROGRESS$/.test(status)) {
      // The last events can land after the status changed: read them once more.
      for (const e of await newEvents(cfn, plan.stackName, since, seen)) {
        events.push(e);
        options.onEvent?.(e);
      }
      const succeeded = status === 'CREATE_COMPLETE' || status === 'UPDATE_COMPLETE';
      if (succeeded) options.onProgress?.(total, total);
      const failed = events.find((e) => e.status.endsWith('_FAILED') && e.reason && !/cancelled/i.test(e.reason));
      const failure = succeeded ? undefined : failed ? { logicalId: failed.logicalId, reason: failed.reason ?? '' } : { logicalId: plan.stackName, reason: stack?.StackStatusReason ?? status };
      return { stackName: plan.stackName, status, succeeded, events, ...(failure ? { failure } : {}) };
    }
    await pause(options.pollMs ?? 2000).catch(() => undefined);
  }
}

// DescribeStackEvents pages newest first; stop at the page that reaches the last event before the execution.
async function newEvents(cfn: CloudFormationClient, stackName: string, since: string | undefined, seen: Set<string>): Promise<StackEvent[]> {
  const fresh: SdkStackEvent[] = [];
  let token: string | undefined;
  do {
    const page = await cfn.send(new DescribeStackEventsCommand({ StackName: stackName, NextToken: token }));
    let older = false;
    for (const e of page.StackEvents ?? []) {
      if (older || (since !== undefined && e.EventId === since)) older = true;
      else if (e.EventId && !seen.has(e.EventId)) {
        seen.add(e.EventId);
        fresh.push(e);
      }
    }
    token = older ? undefined : page.NextToken;
  } while (token);
  return fresh.reverse().map((e) => ({
    timestamp: (e.Timestamp ?? new Date()).toISOString(),
    logicalId: e.LogicalResourceId ?? '?',
    resourceType: e.ResourceType ?? '?',
    status: e.ResourceStatus ?? '?',
    ...(e.ResourceStatusReason ? { reason: e.ResourceStatusReason } : {}),
  }));
}

/** A failed outcome as one message that names the resource and the reason. */
export function outcomeError(o: DeployOutcome): WorkbenchError {
  return new WorkbenchError(`Deploy of ${o.stackName} ended in ${o.status}${o.failure ? `: ${o.failure.logicalId} failed: ${o.failure.reason}` : ''}. See the stack events above, fix the template and deploy again.`, 'DeployFailed');
}
