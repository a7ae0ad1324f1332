// test_lambda_api.py::TestLambdaProvisionedConcurrency cases re-enacted against our endpoint (inputs
// read from LocalStack's test code; this code is ours).
import type { CaseContext, ParityCase } from './parityCase';

async function withVersion(ctx: CaseContext): Promise<{ fn: string; version: string; published: Record<string, any> }> {
  const fn = ctx.name('lambda_func');
  await ctx.createFunction(fn);
  const published = await ctx.ok('publish_version', { FunctionName: fn });
  return { fn, version: String(published.Version), published };
}

const exceptions: ParityCase = {
  id: 'TestLambdaProvisionedConcurrency::test_provisioned_concurrency_exceptions',
  run: async (ctx) => {
    ctx.validate = false;
    const { fn, version, published } = await withVersion(ctx);
    ctx.match('publish_version_result', published);
    const get = (FunctionName: string, Qualifier: string) => ctx.fail('get_provisioned_concurrency_config', { FunctionName, Qualifier });
    const del = (FunctionName: string, Qualifier: string) => ctx.fail('delete_provisioned_concurrency_config', { FunctionName, Qualifier });
    const put = (FunctionName: string, Qualifier: string, n = 1) => ctx.fail('put_provisioned_concurrency_config', { FunctionName, Qualifier, ProvisionedConcurrentExecutions: n });
    ctx.match('get_provisioned_config_doesnotexist', await get(fn, version));
    ctx.match('get_provisioned_functionname_doesnotexist', await get('doesnotexist', 'noalias'));
    ctx.match('get_provisioned_qualifier_doesnotexist', await get(fn, 'noalias'));
    ctx.match('get_provisioned_version_doesnotexist', await get(fn, '10'));
    ctx.match('get_provisioned_latest', await get(fn, '$LATEST'));
    ctx.match('list_provisioned_noconfigs', await ctx.call('list_provisioned_concurrency_configs', { FunctionName: fn }));
    ctx.match('list_provisioned_functionname_doesnotexist', await ctx.fail('list_provisioned_concurrency_configs', { FunctionName: 'doesnotexist' }));
    ctx.match('delete_provisioned_functionname_doesnotexist', await del('doesnotexist', version));
    ctx.match('delete_provisioned_qualifier_doesnotexist', await del(fn, 'noalias'));
    ctx.match('delete_provisioned_version_doesnotexist', await del(fn, '10'));
    ctx.match('delete_provisioned_latest', await del(fn, '$LATEST'));
    ctx.match('delete_provisioned_config_doesnotexist', await ctx.call('delete_provisioned_concurrency_config', { FunctionName: fn, Qualifier: version }));
    ctx.match('put_provisioned_invalid_param_0', await put(fn, version, 0));
    ctx.match('put_provisioned_functionname_doesnotexist_alias', await put('doesnotexist', 'noalias'));
    ctx.match('put_provisioned_functionname_doesnotexist_version', await put('doesnotexist', '1'));
    ctx.match('put_provisioned_qualifier_doesnotexist', await put(fn, 'doesnotexist'));
    ctx.match('put_provisioned_version_doesnotexist', await put(fn, '10'));
    ctx.match('put_provisioned_latest', await put(fn, '$LATEST'));
  },
};

/** LocalStack's regex transformers replaced the numbers in these messages; the test asserts the first equals the account limit. */
function unreservedNumbers(r: Record<string, any>, limit: number): Record<string, any> {
  const replace = (m: unknown): unknown =>
    typeof m === 'string' ? m.replace(/(?<=unreserved concurrency \[)\d+(?=\])/, '<unreserved_concurrency>').replace(/(?<=minimum value of \[)\d+(?=\])/, '<min_unreserved_concurrency>') : m;
  const found = /unreserved concurrency \[(\d+)\]/.exec(String(r.message ?? ''));
  if (found && Number(found[1]) !== limit) throw new Error(`unreserved concurrency ${found[1]} is not the account limit ${limit}`);
  for (const k of ['message', 'Message']) if (k in r) r[k] = replace(r[k]);
  if (r.Error) r.Error.Message = replace(r.Error.Message);
  return r;
}

const limits: ParityCase = {
  id: 'TestLambdaProvisionedConcurrency::test_provisioned_concurrency_limits',
  run: async (ctx) => {
    const { fn, version } = await withVersion(ctx);
    const limit = Number((await ctx.ok('get_account_settings')).AccountLimit.ConcurrentExecutions);
    const put = (n: number) => ctx.fail('put_provisioned_concurrency_config', { FunctionName: fn, Qualifier: version, ProvisionedConcurrentExecutions: n });
    ctx.match('put_provisioned_concurrency_account_limit_exceeded', unreservedNumbers(await put(limit + 1), limit));
    ctx.match('put_provisioned_concurrency_below_unreserved_min_value', unreservedNumbers(await put(limit), limit));
  },
};

const lifecycle: ParityCase = {
  id: 'TestLambdaProvisionedConcurrency::test_lambda_provisioned_lifecycle',
  run: async (ctx) => {
    const { fn, version, published } = await withVersion(ctx);
    ctx.match('publish_version_result', published);
    await ctx.waitActive(fn, version);
    const alias = ctx.name('alias');
    ctx.match('create_alias_result', await ctx.ok('create_alias', { FunctionName: fn, Name: alias, FunctionVersion: version }));
    const put = (Qualifier: string) => ctx.call('put_provisioned_concurrency_config', { FunctionName: fn, Qualifier, ProvisionedConcurrentExecutions: 1 });
    ctx.match('put_provisioned_on_version', await put(version));
    ctx.match('put_provisioned_on_alias_versionconflict', await put(alias));
    for (let i = 0; ; i++) {
      const status = (await ctx.ok('get_provisioned_concurrency_config', { FunctionName: fn, Qualifier: version })).Status;
      if (status === 'READY') break;
      if (status === 'FAILED' || i > 2000) throw new Error(`provisioned concurrency ${String(status)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    ctx.match('delete_provisioned_version', await ctx.call('delete_provisioned_concurrency_config', { FunctionName: fn, Qualifier: version }));
    ctx.match('get_provisioned_version_postdelete', await ctx.fail('get_provisioned_concurrency_config', { FunctionName: fn, Qualifier: version }));
    ctx.match('put_provisioned_on_alias', await put(alias));
    ctx.match('put_provisioned_on_version_conflict', await put(version));
    ctx.match('delete_alias_result', await ctx.call('delete_alias', { FunctionName: fn, Name: alias }));
    ctx.match('get_provisioned_alias_postaliasdelete', await ctx.fail('get_provisioned_concurrency_config', { FunctionName: fn, Qualifier: alias }));
    const list = await ctx.call('list_provisioned_concurrency_configs', { FunctionName: fn });
    if ((list.ProvisionedConcurrencyConfigs as unknown[]).length !== 0) throw new Error(`configs left after deletes: ${JSON.stringify(list)}`);
    ctx.match('list_response_postdeletes', list);
  },
};

/** Provisioned concurrency configuration. */
export const provisionedCases: readonly ParityCase[] = [exceptions, limits, lifecycle];
