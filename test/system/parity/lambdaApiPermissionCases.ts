// test_lambda_api.py::TestLambdaPermissions cases re-enacted against our endpoint (inputs read from
// LocalStack's test code; this code is ours).
import type { CaseContext, ParityCase } from './parityCase';

/** The recordings hold `Statement` and `Policy` parsed (LocalStack's snapshot parses JSON strings); so do we. */
function parsed(r: Record<string, any>): Record<string, any> {
  for (const k of ['Statement', 'Policy']) if (typeof r[k] === 'string') r[k] = JSON.parse(r[k]);
  return r;
}

const bucketArn = 'arn:aws:s3:::test-bucket';
const s3Permission = { Action: 'lambda:InvokeFunction', StatementId: 's3', Principal: 's3.amazonaws.com', SourceArn: bucketArn };

async function fn(ctx: CaseContext, prefix = 'lambda_func'): Promise<string> {
  const name = ctx.name(prefix);
  await ctx.createFunction(name);
  return name;
}

const exceptions: ParityCase = {
  id: 'TestLambdaPermissions::test_permission_exceptions',
  run: async (ctx) => {
    const name = await fn(ctx);
    const add = (params: Record<string, unknown>) => ctx.fail('add_permission', params);
    ctx.match('add_permission_invalid_statement_id', await add({ FunctionName: name, Action: 'lambda:InvokeFunction', StatementId: 'example.com', Principal: 's3.amazonaws.com' }));
    ctx.match('add_permission_fn_qualifier_mismatch', await add({ ...s3Permission, FunctionName: `${name}:alias-not-42`, Qualifier: '42' }));
    ctx.match('add_permission_fn_qualifier_latest', await add({ ...s3Permission, FunctionName: `${name}:$LATEST`, Qualifier: '$LATEST' }));
    ctx.match('add_permission_principal_invalid', await add({ FunctionName: name, Action: 'lambda:InvokeFunction', StatementId: 'lambda', Principal: 'invalid.nonaws.com', SourceAccount: ctx.account }));
    ctx.match('get_policy_fn_doesnotexist', await ctx.fail('get_policy', { FunctionName: 'doesnotexist' }));
    ctx.match('get_policy_fn_version_doesnotexist', await ctx.fail('get_policy', { FunctionName: name, Qualifier: '77' }));
    ctx.match('add_permission_fn_doesnotexist', await add({ ...s3Permission, FunctionName: 'doesnotexist' }));
    ctx.match('remove_permission_policy_doesnotexist', await ctx.fail('remove_permission', { FunctionName: name, StatementId: 's3' }));
    ctx.match('add_permission_fn_alias_doesnotexist', await add({ ...s3Permission, FunctionName: `${name}:alias-doesnotexist` }));
    ctx.match('add_permission_fn_version_doesnotexist', await add({ ...s3Permission, FunctionName: name, Qualifier: '42' }));
    ctx.match('add_permission_fn_qualifier_invalid', await add({ ...s3Permission, FunctionName: name, Qualifier: 'invalid-qualifier-with-?-char' }));
    ctx.match('add_permission_fn_qualifier_valid_doesnotexist', await add({ ...s3Permission, FunctionName: name, Qualifier: 'valid-with-$-but-doesnotexist' }));
    await ctx.ok('add_permission', { ...s3Permission, FunctionName: name });
    ctx.match('add_permission_conflicting_statement_id', await add({ ...s3Permission, FunctionName: name }));
    ctx.match('remove_permission_fn_doesnotexist', await ctx.fail('remove_permission', { FunctionName: 'doesnotexist', StatementId: 's3' }));
    ctx.match('remove_permission_fn_alias_doesnotexist', await ctx.fail('remove_permission', { FunctionName: name, StatementId: 's3', Qualifier: 'alias-doesnotexist' }));
  },
};

const addAws: ParityCase = {
  id: 'TestLambdaPermissions::test_add_lambda_permission_aws',
  run: async (ctx) => {
    const name = ctx.name('lambda_func');
    ctx.match('create_lambda', await ctx.createFunction(name));
    ctx.match('add_permission', parsed(await ctx.call('add_permission', { ...s3Permission, FunctionName: name })));
    ctx.match('get_policy', parsed(await ctx.call('get_policy', { FunctionName: name })));
  },
};

const versioning: ParityCase = {
  id: 'TestLambdaPermissions::test_lambda_permission_fn_versioning',
  run: async (ctx) => {
    const name = await fn(ctx);
    ctx.match('add_permission', parsed(await ctx.call('add_permission', { ...s3Permission, FunctionName: name })));
    ctx.match('get_policy', parsed(await ctx.call('get_policy', { FunctionName: name })));
    const v = await ctx.ok('publish_version', { FunctionName: name });
    ctx.match('publish_version_result', v);
    const version = String(v.Version);
    await ctx.waitActive(name, version);
    ctx.match('get_function_result_after_publishing', await ctx.call('get_function', { FunctionName: name }));
    ctx.match('get_policy_after_publishing_latest', parsed(await ctx.call('get_policy', { FunctionName: name })));
    ctx.match('get_policy_after_publishing_new_version', await ctx.fail('get_policy', { FunctionName: name, Qualifier: version }));
    await ctx.ok('add_permission', { ...s3Permission, FunctionName: `${name}:${version}`, Qualifier: version });
    ctx.match('get_policy_version', parsed(await ctx.call('get_policy', { FunctionName: name, Qualifier: version })));
    const alias = 'permission-alias';
    const created = await ctx.ok('create_alias', { FunctionName: name, Name: alias, FunctionVersion: version });
    ctx.match('create_alias_response', created);
    const got = await ctx.ok('get_alias', { FunctionName: name, Name: alias });
    ctx.match('get_alias', got);
    if (got.RevisionId !== created.RevisionId) throw new Error('GetAlias RevisionId differs from CreateAlias');
    ctx.match('add_permission_alias_revision_exception', await ctx.fail('add_permission', { ...s3Permission, FunctionName: name, Qualifier: alias, RevisionId: 'wrong' }));
    await ctx.ok('add_permission', { ...s3Permission, FunctionName: `${name}:${alias}`, Qualifier: alias, RevisionId: created.RevisionId });
    ctx.match('get_policy_alias', parsed(await ctx.call('get_policy', { FunctionName: name, Qualifier: alias })));
    const policy = parsed(await ctx.call('get_policy', { FunctionName: name }));
    ctx.match('get_policy_after_adding_to_new_version', policy);
    await ctx.ok('add_permission', { ...s3Permission, FunctionName: name, StatementId: 's3_2', RevisionId: policy.RevisionId });
    ctx.match('get_policy_after_adding_2', parsed(await ctx.call('get_policy', { FunctionName: name })));
  },
};

const fields: ParityCase = {
  id: 'TestLambdaPermissions::test_add_lambda_permission_fields',
  run: async (ctx) => {
    const name = await fn(ctx);
    const add = async (key: string, params: Record<string, unknown>): Promise<Record<string, any>> => {
      const r = parsed(await ctx.call('add_permission', { FunctionName: name, Action: 'lambda:InvokeFunction', ...params }));
      ctx.match(key, r);
      return r;
    };
    await add('add_permission_principal_wildcard', { StatementId: 'wilcard', Principal: '*', SourceAccount: ctx.account });
    await add('add_permission_principal_service', { StatementId: 'lambda', Principal: 'lambda.amazonaws.com', SourceAccount: ctx.account });
    await add('add_permission_principal_account', { StatementId: 'account-id', Principal: ctx.account });
    // The caller's ARN (sts:GetCallerIdentity on AWS; the recording replaced it by <user_arn>).
    const userArn = `arn:aws:iam::${ctx.account}:user/parity-user`;
    const byArn = await add('add_permission_principal_arn', { StatementId: 'user-arn', Principal: userArn, SourceAccount: ctx.account });
    if (byArn.Statement?.Principal?.AWS !== userArn) throw new Error(`principal ARN not kept: ${JSON.stringify(byArn)}`);
    await add('add_permission_optional_fields', { StatementId: 'urlPermission', Action: 'lambda:InvokeFunctionUrl', Principal: '*', SourceArn: bucketArn, SourceAccount: ctx.account, PrincipalOrgID: 'o-1234567890', FunctionUrlAuthType: 'NONE' });
    await add('add_permission_alexa_skill', { StatementId: 'alexaSkill', Principal: '*', EventSourceToken: 'amzn1.ask.skill.xxxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx' });
  },
};

const removeMulti: ParityCase = {
  id: 'TestLambdaPermissions::test_remove_multi_permissions',
  run: async (ctx) => {
    const name = await fn(ctx);
    ctx.match('add_permission_1', parsed(await ctx.call('add_permission', { FunctionName: name, Action: 'lambda:InvokeFunction', StatementId: 's3', Principal: 's3.amazonaws.com' })));
    ctx.match('add_permission_2', parsed(await ctx.call('add_permission', { FunctionName: name, Action: 'lambda:InvokeFunction', StatementId: 'sqs', Principal: 'sqs.amazonaws.com', SourceArn: bucketArn })));
    ctx.match('policy_after_2_add', parsed(await ctx.call('get_policy', { FunctionName: name })));
    ctx.match('remove_permission_exception_nonexisting_sid', await ctx.fail('remove_permission', { FunctionName: name, StatementId: 'non-existent' }));
    await ctx.ok('remove_permission', { FunctionName: name, StatementId: 'sqs' });
    ctx.match('policy_after_removal', parsed(await ctx.call('get_policy', { FunctionName: name })));
    const attempt = parsed(await ctx.call('get_policy', { FunctionName: name }));
    ctx.match('policy_after_removal_attempt', attempt);
    await ctx.ok('remove_permission', { FunctionName: name, StatementId: 's3', RevisionId: attempt.RevisionId });
    ctx.match('get_policy_exception_removed_all', await ctx.fail('get_policy', { FunctionName: name }));
  },
};

const createMultiple: ParityCase = {
  id: 'TestLambdaPermissions::test_create_multiple_lambda_permissions',
  run: async (ctx) => {
    const name = await fn(ctx, 'test-function');
    ctx.match('add_permission_response_1', parsed(await ctx.call('add_permission', { FunctionName: name, Action: 'lambda:InvokeFunction', StatementId: 'logs', Principal: 'logs.amazonaws.com' })));
    ctx.match('add_permission_response_2', parsed(await ctx.call('add_permission', { FunctionName: name, Action: 'lambda:InvokeFunction', StatementId: 'kinesis', Principal: 'kinesis.amazonaws.com' })));
    ctx.match('policy_after_2_add', parsed(await ctx.call('get_policy', { FunctionName: name })));
  },
};

/** Resource-based policies (AddPermission, GetPolicy, RemovePermission). */
export const permissionCases: readonly ParityCase[] = [exceptions, addAws, versioning, fields, removeMulti, createMultiple];
