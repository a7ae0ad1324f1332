// Resource policies per qualifier (fidelity 11): AddPermission, RemovePermission, GetPolicy, and the
// Invoke authorization strict mode applies (same-account callers pass as IAM would; others need a grant).
import { randomUUID } from 'node:crypto';
import { parseFunctionRef, type FunctionRef } from '../arn';
import { ApiError, accessDenied, functionNotFound, invalidParameter, resourceConflict, resourceNotFound } from '../errors';
import { LOCAL_CALLER, type CallerIdentity } from '../state/auditLog';
import { StateFile } from '../state/stateFile';
import type { PolicyStatement, StateDocument } from '../state/managedState';
import { arnOf, audited, checkRevision, latestRevisionId, requireFunction, type ManagementContext } from './managementContext';
import { POLICY_SIZE_LIMIT, accountOf, buildStatement, policyAllows, type PermissionInput } from './resourcePolicy';

const POLICY_REVISION_MISMATCH = 'The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the latest Revision Id';

/** Resource-policy operations and Invoke authorization. */
export class PolicyManager {
  constructor(private readonly ctx: ManagementContext) {}

  add(functionName: string, qualifier: string | undefined, input: PermissionInput & { readonly RevisionId?: string }, caller: CallerIdentity = LOCAL_CALLER): Promise<Record<string, unknown>> {
    const ref = parseFunctionRef(this.ctx.partition, functionName, qualifier);
    return audited(this.ctx, 'AddPermission', arnOf(this.ctx, ref.name, ref.qualifier), caller, async () => {
      if (ref.qualifier === '$LATEST') throw invalidParameter('We currently do not support adding policies for $LATEST.');
      const key = this.resolveKey(ref);
      checkRevision(input.RevisionId, this.revisionOf(ref.name, key), POLICY_REVISION_MISMATCH);
      for (const field of ['StatementId', 'Action', 'Principal'] as const) {
        if (typeof input[field] !== 'string') throw new ApiError('ValidationException', 400, `1 validation error detected: Value null at '${field[0]?.toLowerCase()}${field.slice(1)}' failed to satisfy constraint: Member must not be null`);
      }
      const statement = buildStatement(arnOf(this.ctx, ref.name, ref.qualifier), input);
      const existing = this.ctx.store.get(ref.name)?.policies[key] ?? [];
      if (existing.some((s) => s.Sid === statement.Sid)) {
        throw resourceConflict(`The statement id (${statement.Sid}) provided already exists. Please provide a new statement id, or remove the existing statement.`);
      }
      const size = policyDocument([...existing, statement]).length;
      if (size > POLICY_SIZE_LIMIT) throw invalidParameter(`The final policy size (${size}) is bigger than the limit (${POLICY_SIZE_LIMIT}).`);
      await this.ctx.store.update((draft) => {
        const r = StateFile.ensure(draft, ref.name);
        (r.policies[key] ??= []).push(statement);
        rotateRevision(draft, ref.name, key);
      });
      return { Statement: JSON.stringify(statement) };
    });
  }

  remove(functionName: string, statementId: string, qualifier: string | undefined, revisionId: string | undefined, caller: CallerIdentity = LOCAL_CALLER): Promise<void> {
    const ref = parseFunctionRef(this.ctx.partition, functionName, qualifier);
    return audited(this.ctx, 'RemovePermission', arnOf(this.ctx, ref.name, ref.qualifier), caller, async () => {
      if (!this.ctx.registry.get(ref.name)) throw resourceNotFound(`No policy found for: ${arnOf(this.ctx, ref.name)}`);
      const key = this.resolveKey(ref);
      const statements = this.ctx.store.get(ref.name)?.policies[key];
      if (!statements?.length) throw resourceNotFound('No policy is associated with the given resource.');
      if (!statements.some((s) => s.Sid === statementId)) throw resourceNotFound(`Statement ${statementId} is not found in resource policy.`);
      checkRevision(revisionId, this.revisionOf(ref.name, key), POLICY_REVISION_MISMATCH);
      await this.ctx.store.update((draft) => {
        const r = draft.functions[ref.name];
        if (!r) return;
        const rest = (r.policies[key] ?? []).filter((s) => s.Sid !== statementId);
        if (rest.length) r.policies[key] = rest;
        else delete r.policies[key];
        rotateRevision(draft, ref.name, key);
      });
    });
  }

  get(functionName: string, qualifier: string | undefined, caller: CallerIdentity = LOCAL_CALLER): Promise<Record<string, unknown>> {
    const ref = parseFunctionRef(this.ctx.partition, functionName, qualifier);
    return audited(this.ctx, 'GetPolicy', arnOf(this.ctx, ref.name, ref.qualifier), caller, () => {
      // AWS-recorded (test_permission_exceptions): a missing function gets the policy's own not-found message.
      if (!this.ctx.registry.get(ref.name)) throw resourceNotFound('The resource you requested does not exist.');
      const key = ref.qualifier === undefined || ref.qualifier === '$LATEST' ? '' : ref.qualifier;
      const statements = this.ctx.store.get(ref.name)?.policies[key];
      if (!statements?.length) throw resourceNotFound('The resource you requested does not exist.');
      return { Policy: policyDocument(statements), RevisionId: this.revisionOf(ref.name, key) };
    });
  }

  /** Whether the policy lets anyone call a function URL of AuthType NONE (unaudited: checked per request). */
  allowsPublicUrl(functionName: string, qualifier: string | undefined): boolean {
    const key = qualifier === undefined || qualifier === '$LATEST' ? '' : qualifier;
    const statements = this.ctx.store.get(functionName)?.policies[key] ?? [];
    return policyAllows(statements, { action: 'lambda:InvokeFunctionUrl', resource: arnOf(this.ctx, functionName, qualifier), context: { 'lambda:FunctionUrlAuthType': 'NONE' } });
  }

  /**
   * Strict-mode Invoke authorization: allowed when the caller is in this account (its IAM identity
   * policy is assumed to allow it) or the invoked qualifier's policy allows it; otherwise 403, audited.
   */
  authorizeInvoke(ref: FunctionRef, caller: CallerIdentity): void {
    const p = this.ctx.partition;
    const principal = caller.principal ?? `arn:aws:iam::${p.accountId}:root`;
    const account = accountOf(principal) ?? (/^\d{12}$/.test(principal) ? principal : undefined);
    if (account === p.accountId) return;
    const resource = arnOf(this.ctx, ref.name, ref.qualifier);
    const key = ref.qualifier === undefined || ref.qualifier === '$LATEST' ? '' : ref.qualifier;
    const statements = this.ctx.store.get(ref.name)?.policies[key] ?? [];
    const principalArn = account && !principal.startsWith('arn:') ? `arn:aws:iam::${account}:root` : principal;
    if (policyAllows(statements, { principalArn, action: 'lambda:InvokeFunction', resource })) return;
    const message = `User: ${principalArn} is not authorized to perform: lambda:InvokeFunction on resource: ${resource} because no resource-based policy allows the lambda:InvokeFunction action`;
    this.ctx.audit.append({ caller, operation: 'Invoke', target: resource, outcome: 'AccessDeniedException', message });
    throw accessDenied(message);
  }

  /** '' for the unqualified function, else the existing version or alias (Lambda's not-found errors). */
  private resolveKey(ref: FunctionRef): string {
    requireFunction(this.ctx, ref.name);
    const q = ref.qualifier;
    if (q === undefined || q === '$LATEST') return '';
    const r = this.ctx.store.get(ref.name);
    if (/^\d+$/.test(q)) {
      if (!r?.versions[q]) throw functionNotFound(arnOf(this.ctx, ref.name, q));
    } else if (!/^[a-zA-Z0-9_-]+$/.test(q)) {
      // Not an alias name (AWS-recorded: `valid-with-$-but-doesnotexist` is looked up as a function qualifier).
      throw functionNotFound(arnOf(this.ctx, ref.name, q));
    } else if (!r?.aliases[q]) throw resourceNotFound(`Cannot find alias arn: ${arnOf(this.ctx, ref.name, q)}`);
    return q;
  }

  private revisionOf(name: string, key: string): string {
    const r = this.ctx.store.get(name);
    if (key === '') return r?.policyRevision ?? latestRevisionId(this.ctx, requireFunction(this.ctx, name));
    return (r?.versions[key] ?? r?.aliases[key])?.revisionId ?? '';
  }
}

/** The JSON document GetPolicy returns (as a string). */
function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: statements });
}

/** A policy change gives its resource a new RevisionId. */
function rotateRevision(draft: StateDocument, name: string, key: string): void {
  const r = draft.functions[name];
  if (!r) return;
  if (key === '') {
    r.revisionSalt = randomUUID();
    r.policyRevision = randomUUID();
  }
  else if (r.versions[key]) r.versions[key].revisionId = randomUUID();
  else if (r.aliases[key]) r.aliases[key].revisionId = randomUUID();
}
