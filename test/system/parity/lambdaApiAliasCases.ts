// test_lambda_api.py::TestLambdaAlias cases re-enacted with our own code.
import type { CaseContext, ParityCase } from './parityCase';

const staging = { Environment: { Variables: { testenv: 'staging' } } };

async function twoVersions(ctx: CaseContext, fn: string): Promise<void> {
  ctx.match('publish_v1', await ctx.call('publish_version', { FunctionName: fn }));
  await ctx.ok('update_function_configuration', { FunctionName: fn, Environment: { Variables: { testenv: 'prod' } } });
  await ctx.waitActive(fn);
  ctx.match('publish_v2', await ctx.call('publish_version', { FunctionName: fn }));
}

const byName = (r: Record<string, any>): Record<string, any> => ({ ...r, Aliases: [...(r.Aliases as { Name: string }[])].sort((a, b) => (a.Name < b.Name ? -1 : 1)) });

const lifecycle: ParityCase = {
  id: 'TestLambdaAlias::test_alias_lifecycle',
  run: async (ctx) => {
    const fn = ctx.name('alias-fn');
    ctx.match('create_response', await ctx.createRaw({ FunctionName: fn, ...staging }));
    await twoVersions(ctx, fn);
    const a11 = await ctx.call('create_alias', { FunctionName: fn, Name: 'aliasname1_1', FunctionVersion: '1', Description: 'custom-alias', RoutingConfig: { AdditionalVersionWeights: { 2: 0.2 } } });
    ctx.match('create_alias_1_1', a11);
    ctx.match('get_alias_1_1', await ctx.call('get_alias', { FunctionName: fn, Name: 'aliasname1_1' }));
    ctx.match('get_function_alias_1_1', await ctx.call('get_function', { FunctionName: fn, Qualifier: 'aliasname1_1' }));
    ctx.match('get_function_byarn_alias_1_1', await ctx.call('get_function', { FunctionName: a11.AliasArn }));
    ctx.match('get_function_alias_notfound_exc', await ctx.fail('get_function', { FunctionName: fn, Qualifier: 'aliasdoesnotexist' }));
    ctx.match('get_function_alias_byarn_notfound_exc', await ctx.fail('get_function', { FunctionName: String(a11.AliasArn).replace('aliasname1_1', 'aliasdoesnotexist') }));
    ctx.match('create_alias_1_2', await ctx.call('create_alias', { FunctionName: fn, Name: 'aliasname1_2', FunctionVersion: '1', Description: 'custom-alias' }));
    ctx.match('get_alias_1_2', await ctx.call('get_alias', { FunctionName: fn, Name: 'aliasname1_2' }));
    ctx.match('create_alias_1_3', await ctx.call('create_alias', { FunctionName: fn, Name: 'aliasname1_3', FunctionVersion: '1' }));
    ctx.match('get_alias_1_3', await ctx.call('get_alias', { FunctionName: fn, Name: 'aliasname1_3' }));
    ctx.match('create_alias_2', await ctx.call('create_alias', { FunctionName: fn, Name: 'aliasname2', FunctionVersion: '2', Description: 'custom-alias' }));
    ctx.match('get_alias_2', await ctx.call('get_alias', { FunctionName: fn, Name: 'aliasname2' }));
    ctx.match('list_aliases_for_fnname', byName(await ctx.ok('paginate:list_aliases', { FunctionName: fn, PaginationConfig: { PageSize: 1 } })));
    ctx.match('update_alias_1_1', await ctx.call('update_alias', { FunctionName: fn, Name: 'aliasname1_1', RoutingConfig: { AdditionalVersionWeights: {} } }));
    ctx.match('get_alias_1_1_after_update', await ctx.call('get_alias', { FunctionName: fn, Name: 'aliasname1_1' }));
    ctx.match('list_aliases_for_fnname_after_update', byName(await ctx.call('list_aliases', { FunctionName: fn })));
    ctx.match('update_alias_1_2', await ctx.call('update_alias', { FunctionName: fn, Name: 'aliasname1_2' }));
    ctx.match('get_alias_1_2_after_update', await ctx.call('get_alias', { FunctionName: fn, Name: 'aliasname1_2' }));
    ctx.match('list_aliases_for_fnname_after_update_2', byName(await ctx.call('list_aliases', { FunctionName: fn })));
    ctx.match('list_aliases_for_version', byName(await ctx.call('list_aliases', { FunctionName: fn, FunctionVersion: '1' })));
    ctx.match('delete_alias_response', await ctx.call('delete_alias', { FunctionName: fn, Name: 'aliasname1_1' }));
    ctx.match('list_aliases_for_fnname_afterdelete', byName(await ctx.call('list_aliases', { FunctionName: fn })));
  },
};

const nonExistentDeletion: ParityCase = {
  id: 'TestLambdaAlias::test_non_existent_alias_deletion',
  run: async (ctx) => {
    const fn = ctx.name('alias-fn');
    ctx.match('create_response', await ctx.createRaw({ FunctionName: fn, ...staging }));
    ctx.match('delete_alias_response', await ctx.call('delete_alias', { FunctionName: fn, Name: 'non-existent' }));
  },
};

const nonExistentUpdate: ParityCase = {
  id: 'TestLambdaAlias::test_non_existent_alias_update',
  run: async (ctx) => {
    const fn = ctx.name('alias-fn');
    ctx.match('create_response', await ctx.createRaw({ FunctionName: fn, ...staging }));
    ctx.match('update_alias_response', await ctx.fail('update_alias', { FunctionName: fn, Name: 'non-existent' }));
  },
};

const invalidRouting: ParityCase = {
  id: 'TestLambdaAlias::test_notfound_and_invalid_routingconfigs',
  run: async (ctx) => {
    ctx.validate = false;
    const fn = ctx.name('alias-fn');
    ctx.match('create_response', await ctx.createRaw({ FunctionName: fn, Publish: true, ...staging }));
    await twoVersions(ctx, fn);
    const alias = (Name: string, FunctionVersion: string, weights?: Record<string, number>, name = fn): Record<string, unknown> => ({
      FunctionName: name,
      Name,
      FunctionVersion,
      ...(weights ? { RoutingConfig: { AdditionalVersionWeights: weights } } : {}),
    });
    ctx.match('routing_config_exc_toomany', await ctx.fail('create_alias', alias('custom', '1', { 1: 0.8, 2: 0.2 })));
    ctx.match('routing_config_exc_toohigh', await ctx.fail('create_alias', alias('custom', '1', { 2: 2 })));
    ctx.match('routing_config_exc_subzero', await ctx.fail('create_alias', alias('custom', '1', { 2: -1 })));
    ctx.match('routing_config_exc_sameversion', await ctx.fail('create_alias', alias('custom', '1', { 1: 0.5 })));
    ctx.match('target_version_doesnotexist', await ctx.fail('create_alias', alias('custom', '10', { 2: 0.5 })));
    ctx.match('routing_config_exc_version_doesnotexist', await ctx.fail('create_alias', alias('custom', '1', { 10: 0.5 })));
    ctx.match('target_version_exc_version_latest', await ctx.fail('create_alias', alias('custom', '$LATEST', { 1: 0.5 })));
    ctx.match('routing_config_exc_version_latest', await ctx.fail('create_alias', alias('custom', '1', { $LATEST: 0.5 })));
    ctx.match('create-alias-latest', await ctx.call('create_alias', alias('custom-latest', '$LATEST')));
    ctx.match('routing_config_exc_fn_doesnotexist', await ctx.fail('create_alias', alias('custom', '1', { 2: 0.5 }, `${fn}-unknown`)));
    ctx.match('create_alias_empty_routingconfig', await ctx.call('create_alias', alias('custom-empty-routingconfig', '1', {})));
    ctx.match('create_alias_response', await ctx.call('create_alias', alias('custom', '1', { 2: 0.5 })));
    ctx.match('routing_config_exc_already_exist', await ctx.fail('create_alias', alias('custom', '1', { 2: 0.5 })));
    ctx.match('alias_does_not_exist_esc', await ctx.fail('get_alias', { FunctionName: fn, Name: 'non-existent' }));
  },
};

const naming: ParityCase = {
  id: 'TestLambdaAlias::test_alias_naming',
  run: async (ctx) => {
    const fn = ctx.name('alias-fn');
    ctx.match('create_response', await ctx.createRaw({ FunctionName: fn, ...staging }));
    ctx.match('publish_v1', await ctx.call('publish_version', { FunctionName: fn }));
    ctx.match('create_alias_date', await ctx.call('create_alias', { FunctionName: fn, Name: '2024-01-02', FunctionVersion: '1', Description: 'custom-alias' }));
    ctx.match('get_alias_date', await ctx.call('get_alias', { FunctionName: fn, Name: '2024-01-02' }));
    await ctx.ok('invoke', { FunctionName: `${fn}:2024-01-02` });
    ctx.match('create_alias_number_exception', await ctx.fail('create_alias', { FunctionName: fn, Name: '2024', FunctionVersion: '1', Description: 'custom-alias' }));
  },
};

/** Alias lifecycle, routing-config errors, naming. */
export const aliasCases: readonly ParityCase[] = [lifecycle, nonExistentDeletion, nonExistentUpdate, invalidRouting, naming];
