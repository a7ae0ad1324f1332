// test_lambda_api.py::TestLambdaUrl cases re-enacted against our endpoint (inputs read from
// LocalStack's test code; this code is ours).
import { makeZip } from '../../core/state/zipFixtures';
import type { CaseContext, ParityCase } from './parityCase';

/** A Node.js handler written for these cases: answers its event. */
const nodeZip = (): Buffer => makeZip([{ name: 'lambda_handler.js', content: 'exports.handler = async (event) => event;\n' }]);

/** The recording replaced every FunctionUrl by `lambda-url` (LocalStack's key_value transformer); so do we, after checking its form. */
export function urlsNormalized<T>(value: T): T {
  if (Array.isArray(value)) value.forEach(urlsNormalized);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const [k, v] of Object.entries(o)) {
      if (k === 'FunctionUrl' && typeof v === 'string' && /^https?:\/\/[^/]+\/$/.test(v)) o[k] = 'lambda-url';
      else urlsNormalized(v);
    }
  }
  return value;
}

async function nodeFunction(ctx: CaseContext): Promise<string> {
  const fn = ctx.name('test-function');
  await ctx.createFunction(fn, { Runtime: 'nodejs20.x', Handler: 'lambda_handler.handler' }, nodeZip());
  return fn;
}

/** Sorts listed configs by FunctionArn, as the recording's SortingTransformer did. */
function sortedConfigs(r: Record<string, any>): Record<string, any> {
  (r.FunctionUrlConfigs as { FunctionArn: string }[] | undefined)?.sort((a, b) => (a.FunctionArn < b.FunctionArn ? -1 : a.FunctionArn > b.FunctionArn ? 1 : 0));
  return r;
}

const exceptions: ParityCase = {
  id: 'TestLambdaUrl::test_url_config_exceptions',
  run: async (ctx) => {
    const fn = await nodeFunction(ctx);
    const alias = 'urlalias';
    const fnArn = String((await ctx.ok('get_function', { FunctionName: fn })).Configuration.FunctionArn);
    const v = await ctx.ok('publish_version', { FunctionName: fn });
    ctx.match('fn_version_result', v);
    ctx.match('create_alias_result', await ctx.ok('create_alias', { FunctionName: fn, Name: alias, FunctionVersion: v.Version }));
    const tests: [string, Record<string, unknown>][] = [
      ['name_doesnotexist', { FunctionName: 'doesnotexist' }],
      ['arn_doesnotexist', { FunctionName: fnArn.replace(fn, 'doesnotexist') }],
      ['name_doesnotexist_qualifier', { FunctionName: 'doesnotexist', Qualifier: '1' }],
      ['qualifier_version', { FunctionName: fn, Qualifier: '1' }],
      ['qualifier_version_doesnotexist', { FunctionName: fn, Qualifier: '2' }],
      ['qualifier_alias_doesnotexist', { FunctionName: fn, Qualifier: 'v1' }],
      ['qualifier_alias_doesnotmatch_arn', { FunctionName: `${fn}:${alias}-doesnotmatch`, Qualifier: alias }],
      ['qualifier_latest', { FunctionName: fn, Qualifier: '$LATEST' }],
    ];
    const missingConfig: [string, Record<string, unknown>] = ['config_doesnotexist', { FunctionName: fn }];
    const run = async (op: string, list: [string, Record<string, unknown>][], extra: Record<string, unknown> = {}): Promise<void> => {
      for (const [suffix, args] of list) {
        const key = `${op}_${suffix}`;
        const error = await ctx.fail(op, { ...args, ...extra });
        // AWS answered this one with an internal failure, which the recording replaced whole.
        ctx.match(key, key === 'delete_function_url_config_qualifier_alias_doesnotmatch_arn' ? JSON.stringify(error) : error);
      }
    };
    await run('create_function_url_config', tests, { AuthType: 'NONE' });
    await run('get_function_url_config', [...tests, missingConfig]);
    await run('delete_function_url_config', [...tests, missingConfig]);
    await run('update_function_url_config', [...tests, missingConfig], { AuthType: 'AWS_IAM' });
  },
};

const listPaging: ParityCase = {
  id: 'TestLambdaUrl::test_url_config_list_paging',
  run: async (ctx) => {
    const fn = await nodeFunction(ctx);
    const alias = 'urlalias';
    const v = await ctx.ok('publish_version', { FunctionName: fn });
    ctx.match('fn_version_result', v);
    ctx.match('create_alias_result', await ctx.ok('create_alias', { FunctionName: fn, Name: alias, FunctionVersion: v.Version }));
    ctx.match('list_function_notfound', await ctx.fail('list_function_url_configs', { FunctionName: 'doesnotexist' }));
    ctx.match('list_all_empty', await ctx.call('list_function_url_configs', { FunctionName: fn }));
    const forFn = await ctx.ok('create_function_url_config', { FunctionName: fn, AuthType: 'NONE' });
    const forAlias = await ctx.ok('create_function_url_config', { FunctionName: `${fn}:${alias}`, Qualifier: alias, AuthType: 'NONE' });
    const urls = [forFn.FunctionUrl as string, forAlias.FunctionUrl as string];
    const one = await ctx.ok('list_function_url_configs', { FunctionName: fn, MaxItems: 1 });
    const two = await ctx.ok('list_function_url_configs', { FunctionName: fn, MaxItems: 2 });
    const next = await ctx.ok('list_function_url_configs', { FunctionName: fn, MaxItems: 1, Marker: one.NextMarker });
    const listed = (r: Record<string, any>): string[] => (r.FunctionUrlConfigs as { FunctionUrl: string }[]).map((c) => c.FunctionUrl);
    if (listed(one).length !== 1 || listed(two).length !== 2 || listed(next).length !== 1 || listed(next)[0] === listed(one)[0] || ![...listed(two), ...listed(next)].every((u) => urls.includes(u))) {
      throw new Error(`paging: ${JSON.stringify({ one, two, next })}`);
    }
    ctx.match('url_config_fn', urlsNormalized(forFn));
    ctx.match('url_config_alias', urlsNormalized(forAlias));
    ctx.match('list_all', urlsNormalized(sortedConfigs(await ctx.call('list_function_url_configs', { FunctionName: fn }))));
  },
};

const lifecycle: ParityCase = {
  id: 'TestLambdaUrl::test_url_config_lifecycle',
  run: async (ctx) => {
    const fn = await nodeFunction(ctx);
    ctx.match('url_creation', urlsNormalized(await ctx.call('create_function_url_config', { FunctionName: fn, AuthType: 'NONE' })));
    ctx.match('failed_duplication', await ctx.fail('create_function_url_config', { FunctionName: fn, AuthType: 'NONE' }));
    ctx.match('get_url_config', urlsNormalized(await ctx.call('get_function_url_config', { FunctionName: fn })));
    ctx.match('updated_url_config', urlsNormalized(await ctx.call('update_function_url_config', { FunctionName: fn, AuthType: 'AWS_IAM' })));
    await ctx.ok('delete_function_url_config', { FunctionName: fn });
    ctx.match('failed_getter', await ctx.fail('get_function_url_config', { FunctionName: fn }));
  },
};

const deletionWithoutQualifier: ParityCase = {
  id: 'TestLambdaUrl::test_url_config_deletion_without_qualifier',
  run: async (ctx) => {
    const fn = ctx.name('alias-fn');
    await ctx.createRaw({ FunctionName: fn, Environment: { Variables: { testenv: 'staging' } } });
    await ctx.ok('publish_version', { FunctionName: fn });
    const alias = 'test-alias';
    await ctx.ok('create_alias', { FunctionName: fn, Name: alias, FunctionVersion: '1', Description: 'custom-alias' });
    ctx.match('url_creation', urlsNormalized(await ctx.call('create_function_url_config', { FunctionName: fn, AuthType: 'NONE' })));
    ctx.match('url_with_alias_creation', urlsNormalized(await ctx.call('create_function_url_config', { FunctionName: fn, AuthType: 'NONE', Qualifier: alias })));
    ctx.match('get_url_config', urlsNormalized(await ctx.call('get_function_url_config', { FunctionName: fn })));
    ctx.match('get_url_config_with_alias', urlsNormalized(await ctx.call('get_function_url_config', { FunctionName: fn, Qualifier: alias })));
    ctx.match('delete_function_url_config', await ctx.call('delete_function_url_config', { FunctionName: fn }));
    ctx.match('get_url_config_after_deletion', await ctx.fail('get_function_url_config', { FunctionName: fn }));
    ctx.match('get_url_config_with_alias_after_deletion', urlsNormalized(await ctx.call('get_function_url_config', { FunctionName: fn, Qualifier: alias })));
  },
};

/** Function URL configurations. */
export const urlCases: readonly ParityCase[] = [exceptions, listPaging, lifecycle, deletionWithoutQualifier];
