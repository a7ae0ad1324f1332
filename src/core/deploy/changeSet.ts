// The CloudFormation change set of a deploy: created with the SAM transform's capabilities, waited for,
// and described as the resources it adds, modifies and removes; deleted when the user declines it.
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  type CloudFormationClient,
  type DescribeChangeSetCommandOutput,
} from '@aws-sdk/client-cloudformation';
import { WorkbenchError } from '../errors';
import { pause } from './pause';

/** One resource change: Add, Modify, Remove (Import, Dynamic) with what it replaces. */
export interface ResourceChange {
  readonly action: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly physicalId?: string;
  /** Modify only: True, False or Conditional. */
  readonly replacement?: string;
}

/** A change set ready to execute (or `empty` when the template changes nothing). */
export interface ChangeSetPlan {
  readonly stackName: string;
  readonly changeSetId: string;
  readonly stackId: string;
  readonly type: 'CREATE' | 'UPDATE';
  readonly changes: readonly ResourceChange[];
  readonly empty: boolean;
}

export interface ChangeSetRequest {
  readonly stackName: string;
  readonly templateBody?: string;
  readonly templateUrl?: string;
  readonly capabilities: readonly string[];
  readonly parameters?: Readonly<Record<string, string>>;
  readonly description?: string;
}

const BUSY = /_IN_PROGRESS$/;

/** CREATE for a new stack (or one left in REVIEW_IN_PROGRESS), UPDATE otherwise; refuses busy or dead stacks. */
export async function changeSetType(cfn: CloudFormationClient, stackName: string, signal?: AbortSignal): Promise<'CREATE' | 'UPDATE'> {
  let status: string | undefined;
  try {
    const out = await cfn.send(new DescribeStacksCommand({ StackName: stackName }), { abortSignal: signal });
    status = out.Stacks?.[0]?.StackStatus;
  } catch (e) {
    if (/does not exist/.test((e as Error).message)) return 'CREATE';
    throw e;
  }
  if (!status || status === 'REVIEW_IN_PROGRESS') return 'CREATE';
  if (status === 'ROLLBACK_COMPLETE' || status === 'ROLLBACK_FAILED' || status === 'DELETE_FAILED') {
    throw new WorkbenchError(`Stack ${stackName} is in ${status} and cannot be updated. Delete it (aws cloudformation delete-stack --stack-name ${stackName}) and deploy again.`, 'StackNotUpdatable');
  }
  if (BUSY.test(status)) throw new WorkbenchError(`Stack ${stackName} is busy (${status}). Wait until it finishes, then deploy again.`, 'StackBusy');
  return 'UPDATE';
}

/** Creates the change set and waits until CloudFormation has computed it. */
export async function createChangeSet(cfn: CloudFormationClient, request: ChangeSetRequest, signal?: AbortSignal): Promise<ChangeSetPlan> {
  const type = await changeSetType(cfn, request.stackName, signal);
  const name = `lambda-workbench-${new Date().toISOString().replace(/[^0-9]/g, '').slice(0, 14)}`;
  const created = await cfn.send(
    new CreateChangeSetCommand({
      StackName: request.stackName,
      ChangeSetName: name,
      ChangeSetType: type,
      ...(request.templateUrl ? { TemplateURL: request.templateUrl } : { TemplateBody: request.templateBody }),
      Capabilities: [...request.capabilities] as never,
      Parameters: Object.entries(request.parameters ?? {}).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
      Description: request.description ?? 'Created by Lambda Workbench',
      Tags: [{ Key: 'ManagedBy', Value: 'lambda-workbench' }],
    }),
    { abortSignal: signal },
  );
  const id = created.Id as string;
  const changes: ResourceChange[] = [];
  for (;;) {
    const d = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: id, StackName: request.stackName }), { abortSignal: signal });
    if (d.Status === 'CREATE_COMPLETE') {
      changes.push(...toChanges(d));
      let next = d.NextToken;
      while (next) {
        const page = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: id, StackName: request.stackName, NextToken: next }), { abortSignal: signal });
        changes.push(...toChanges(page));
        next = page.NextToken;
      }
      return { stackName: request.stackName, changeSetId: id, stackId: created.StackId ?? d.StackId ?? '', type, changes, empty: false };
    }
    if (d.Status === 'FAILED') {
      const reason = d.StatusReason ?? '';
      if (/didn't contain changes|No updates are to be performed/.test(reason)) {
        await deleteChangeSet(cfn, request.stackName, id).catch(() => undefined);
        return { stackName: request.stackName, changeSetId: id, stackId: created.StackId ?? '', type, changes: [], empty: true };
      }
      throw new WorkbenchError(`CloudFormation refused the change set of ${request.stackName}: ${reason}`, 'ChangeSetFailed');
    }
    await pause(1000, signal);
  }
}

function toChanges(d: DescribeChangeSetCommandOutput): ResourceChange[] {
  return (d.Changes ?? []).flatMap((c) => {
    const r = c.ResourceChange;
    if (!r) return [];
    return [{ action: r.Action ?? '?', logicalId: r.LogicalResourceId ?? '?', resourceType: r.ResourceType ?? '?', ...(r.PhysicalResourceId ? { physicalId: r.PhysicalResourceId } : {}), ...(r.Replacement ? { replacement: r.Replacement } : {}) }];
  });
}

/** Discards a change set the user declined. */
export async function deleteChangeSet(cfn: CloudFormationClient, stackName: string, changeSetId: string): Promise<void> {
  await cfn.send(new DeleteChangeSetCommand({ ChangeSetName: changeSetId, StackName: stackName }));
}

/** The change set as lines (`+ Add HelloFunction AWS::Lambda::Function`), for the CLI and the confirmation. */
export function describeChanges(plan: ChangeSetPlan): string[] {
  if (plan.empty) return [`No changes to deploy to ${plan.stackName}.`];
  const sign: Record<string, string> = { Add: '+', Modify: '~', Remove: '-' };
  return plan.changes.map((c) => `${sign[c.action] ?? '*'} ${c.action.padEnd(6)} ${c.logicalId.padEnd(32)} ${c.resourceType}${c.replacement && c.replacement !== 'False' ? ` (replacement: ${c.replacement})` : ''}`);
}
