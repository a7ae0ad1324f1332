// test_lambda_api.py::TestLambdaEventInvokeConfig cases re-enacted against our endpoint (inputs read
// from LocalStack's test code; this code is ours).
import type { ParityCase } from './parityCase';

const lifecycle: ParityCase = {
  id: 'TestLambdaEventInvokeConfig::test_lambda_eventinvokeconfig_lifecycle',
  run: async (ctx) => {
    const fn = ctx.name('fn-eventinvoke');
    await ctx.createFunction(fn);
    const put = (extra: Record<string, unknown>) => ctx.call('put_function_event_invoke_config', { FunctionName: fn, ...extra });
    ctx.match('put_invokeconfig_retries_0', await put({ MaximumRetryAttempts: 0 }));
    ctx.match('put_invokeconfig_eventage_60', await put({ MaximumEventAgeInSeconds: 60 }));
    ctx.match('update_invokeconfig_eventage_nochange', await ctx.call('update_function_event_invoke_config', { FunctionName: fn, MaximumEventAgeInSeconds: 60 }));
    ctx.match('update_invokeconfig_retries', await ctx.call('update_function_event_invoke_config', { FunctionName: fn, MaximumRetryAttempts: 1 }));
    ctx.match('get_invokeconfig', await ctx.call('get_function_event_invoke_config', { FunctionName: fn }));
    ctx.match('get_invokeconfig_latest', await ctx.call('get_function_event_invoke_config', { FunctionName: fn, Qualifier: '$LATEST' }));
    ctx.match('list_single_invokeconfig', await ctx.call('list_function_event_invoke_configs', { FunctionName: fn }));
    const version = await ctx.ok('publish_version', { FunctionName: fn });
    ctx.match('publish_version_result', version);
    ctx.match('get_invokeconfig_postpublish', await ctx.fail('get_function_event_invoke_config', { FunctionName: fn, Qualifier: version.Version }));
    ctx.match('put_published_invokeconfig', await put({ Qualifier: version.Version, MaximumEventAgeInSeconds: 120 }));
    ctx.match('get_published_invokeconfig', await ctx.call('get_function_event_invoke_config', { FunctionName: fn, Qualifier: version.Version }));
    const single = await ctx.ok('list_function_event_invoke_configs', { FunctionName: fn, MaxItems: 1 });
    const all = await ctx.ok('list_function_event_invoke_configs', { FunctionName: fn });
    const rest = await ctx.ok('list_function_event_invoke_configs', { FunctionName: fn, Marker: single.NextMarker, MaxItems: 1 });
    const arns = (r: Record<string, any>): string[] => (r.FunctionEventInvokeConfigs as { FunctionArn: string }[]).map((c) => c.FunctionArn).sort();
    if (arns(single).length !== 1 || arns(all).length !== 2 || JSON.stringify([...arns(single), ...arns(rest)].sort()) !== JSON.stringify(arns(all))) {
      throw new Error(`paging: ${JSON.stringify({ single, all, rest })}`);
    }
    await ctx.ok('delete_function_event_invoke_config', { FunctionName: fn });
    ctx.match('list_paging_nolimit_postdelete', await ctx.call('list_function_event_invoke_configs', { FunctionName: fn }));
  },
};

/** The recording sorts listed configs by FunctionArn (LocalStack's SortingTransformer). */
function sorted(r: Record<string, any>): Record<string, any> {
  const list = r.FunctionEventInvokeConfigs as { FunctionArn: string }[] | undefined;
  if (list) list.sort((a, b) => (a.FunctionArn < b.FunctionArn ? -1 : a.FunctionArn > b.FunctionArn ? 1 : 0));
  return r;
}

const exceptions: ParityCase = {
  id: 'TestLambdaEventInvokeConfig::test_lambda_eventinvokeconfig_exceptions',
  run: async (ctx) => {
    ctx.validate = false;
    const fn = ctx.name('fn-eventinvoke');
    const fn2 = ctx.name('fn-eventinvoke-2');
    await ctx.createFunction(fn);
    const fnArn = String((await ctx.ok('get_function', { FunctionName: fn })).Configuration.FunctionArn);
    await ctx.createFunction(fn2);
    const fnArn2 = String((await ctx.ok('get_function', { FunctionName: fn2 })).Configuration.FunctionArn);
    const v = await ctx.ok('publish_version', { FunctionName: fn });
    ctx.match('fn_version_result', v);
    const version = String(v.Version);
    const a = await ctx.ok('create_alias', { FunctionName: fn, Name: 'eventinvokealias', FunctionVersion: version });
    ctx.match('fn_alias_result', a);
    const alias = String(a.Name);
    const aliasArn = String(a.AliasArn);
    const fakeArn = `arn:aws:lambda:${ctx.region}:${ctx.account}:function:doesnotexist`;
    const put = (params: Record<string, unknown>) => ctx.call('put_function_event_invoke_config', params);
    ctx.match('put_functionname_name_notfound', await put({ FunctionName: 'doesnotexist', MaximumRetryAttempts: 1 }));
    ctx.match('put_functionname_arn_notfound', await put({ FunctionName: fakeArn, MaximumRetryAttempts: 1 }));
    ctx.match('put_functionname_nootherargs', await put({ FunctionName: 'doesnotexist' }));
    ctx.match('put_destination_lambda_doesntexist', await put({ FunctionName: fn, DestinationConfig: { OnSuccess: { Destination: fakeArn } } }));
    ctx.match('put_destination_recursive', await put({ FunctionName: fn, DestinationConfig: { OnSuccess: { Destination: fnArn } } }));
    ctx.match('put_destination_other_lambda', await put({ FunctionName: fn, DestinationConfig: { OnSuccess: { Destination: fnArn2 } } }));
    ctx.match('put_destination_invalid_service_arn', await put({ FunctionName: fn, DestinationConfig: { OnSuccess: { Destination: fnArn.replace(':lambda:', ':iam:') } } }));
    ctx.match('put_destination_success_no_destination_arn', await put({ FunctionName: fn, DestinationConfig: { OnSuccess: {} } }));
    ctx.match('put_destination_failure_no_destination_arn', await put({ FunctionName: fn, DestinationConfig: { OnFailure: {} } }));
    ctx.match('put_destination_invalid_arn_pattern', await put({ FunctionName: fn, DestinationConfig: { OnFailure: { Destination: fnArn.replace(':lambda:', ':_-/!lambda:') } } }));
    ctx.match('put_destination_latest', await put({ FunctionName: fn, MaximumRetryAttempts: 1 }));
    ctx.match('put_destination_latest_explicit_qualifier', await put({ FunctionName: fn, Qualifier: '$LATEST', MaximumRetryAttempts: 1 }));
    ctx.match('put_destination_version', await put({ FunctionName: fn, Qualifier: version, MaximumRetryAttempts: 1 }));
    ctx.match('put_alias_functionname_qualifier', await put({ FunctionName: fn, Qualifier: alias, MaximumRetryAttempts: 1 }));
    ctx.match('put_alias_doesnotexist', await put({ FunctionName: fn, Qualifier: `${alias}doesnotexist`, MaximumRetryAttempts: 1 }));
    ctx.match('put_alias_qualifiedarn', await put({ FunctionName: aliasArn, MaximumRetryAttempts: 1 }));
    ctx.match('put_alias_qualifiedarn_qualifier', await put({ FunctionName: aliasArn, Qualifier: alias, MaximumRetryAttempts: 1 }));
    ctx.match('put_alias_qualifiedarn_qualifierconflict', await put({ FunctionName: aliasArn, Qualifier: `${alias}doesnotexist`, MaximumRetryAttempts: 1 }));
    ctx.match('put_alias_shorthand', await put({ FunctionName: `${fn}:${alias}`, MaximumRetryAttempts: 1 }));
    ctx.match('put_alias_shorthand_qualifier', await put({ FunctionName: `${fn}:${alias}`, Qualifier: alias, MaximumRetryAttempts: 1 }));
    ctx.match('put_alias_shorthand_qualifierconflict', await put({ FunctionName: `${fn}:${alias}`, Qualifier: `${alias}doesnotexist`, MaximumRetryAttempts: 1 }));
    ctx.match('put_version_shorthand', await put({ FunctionName: `${fn}:${version}`, MaximumRetryAttempts: 1 }));
    ctx.match('put_shorthand_qualifier_match', await put({ FunctionName: `${fn}:$LATEST`, Qualifier: '$LATEST', MaximumRetryAttempts: 1 }));
    ctx.match('put_shorthand_qualifier_mismatch_1', await put({ FunctionName: `${fn}:${version}`, Qualifier: '$LATEST', MaximumRetryAttempts: 1 }));
    ctx.match('put_shorthand_qualifier_mismatch_2', await put({ FunctionName: `${fn}:$LATEST`, Qualifier: version, MaximumRetryAttempts: 1 }));
    ctx.match('put_shorthand_qualifier_mismatch_3', await put({ FunctionName: `${fn}:${version}`, Qualifier: alias, MaximumRetryAttempts: 1 }));
    ctx.match('put_maxevent_maxvalue_result', await put({ FunctionName: fn, MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21600 }));
    ctx.match('put_pre_overwrite', await put({ FunctionName: fn, MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 60 }));
    ctx.match('put_post_overwrite', await put({ FunctionName: fn, MaximumRetryAttempts: 0 }));
    ctx.match('second_overwrite_existing_response', await put({ FunctionName: fn, MaximumRetryAttempts: 0 }));
    const afterOverwrite = await ctx.call('get_function_event_invoke_config', { FunctionName: fn });
    ctx.match('get_post_overwrite', afterOverwrite);
    if (afterOverwrite.MaximumRetryAttempts !== 0 || 'MaximumEventAgeInSeconds' in afterOverwrite) throw new Error(`put must replace the whole config: ${JSON.stringify(afterOverwrite)}`);
    ctx.match('pre_update_response', await put({ FunctionName: fn, MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 60 }));
    ctx.match('update_response', await ctx.call('update_function_event_invoke_config', { FunctionName: fn, MaximumRetryAttempts: 0 }));
    ctx.match('update_response_existing', await ctx.call('update_function_event_invoke_config', { FunctionName: fn, MaximumRetryAttempts: 0 }));
    const afterUpdate = await ctx.call('get_function_event_invoke_config', { FunctionName: fn });
    if (afterUpdate.MaximumRetryAttempts !== 0 || afterUpdate.MaximumEventAgeInSeconds !== 60) throw new Error(`update must merge: ${JSON.stringify(afterUpdate)}`);
    ctx.match('list_configs', sorted(await ctx.call('list_function_event_invoke_configs', { FunctionName: fn })));
    const paged = await ctx.ok('list_function_event_invoke_configs', { FunctionName: fn, MaxItems: 2 });
    if ((paged.FunctionEventInvokeConfigs as unknown[]).length !== 2 || !paged.NextMarker) throw new Error(`paging: ${JSON.stringify(paged)}`);
    const del = (params: Record<string, unknown>) => ctx.call('delete_function_event_invoke_config', params);
    ctx.match('delete_latest', await del({ FunctionName: fn, Qualifier: '$LATEST' }));
    ctx.match('delete_version', await del({ FunctionName: fn, Qualifier: version }));
    ctx.match('delete_alias', await del({ FunctionName: fn, Qualifier: alias }));
    ctx.match('list_configs_postdelete', await ctx.call('list_function_event_invoke_configs', { FunctionName: fn }));
    ctx.match('delete_function_not_found', await ctx.fail('delete_function_event_invoke_config', { FunctionName: fn }));
    ctx.match('delete_function_doesnotexist', await ctx.fail('delete_function_event_invoke_config', { FunctionName: 'doesnotexist' }));
    ctx.match('list_function_doesnotexist', await ctx.fail('list_function_event_invoke_configs', { FunctionName: 'doesnotexist' }));
    ctx.match('get_function_doesnotexist', await ctx.fail('get_function_event_invoke_config', { FunctionName: 'doesnotexist' }));
    ctx.match('get_qualifier_doesnotexist', await ctx.fail('get_function_event_invoke_config', { FunctionName: fn, Qualifier: 'doesnotexist' }));
    ctx.match('update_eventinvokeconfig_function_doesnotexist', await ctx.fail('update_function_event_invoke_config', { FunctionName: 'doesnotexist', MaximumRetryAttempts: 0 }));
    ctx.match('get_eventinvokeconfig_doesnotexist', await ctx.fail('get_function_event_invoke_config', { FunctionName: aliasArn }));
    ctx.match('update_eventinvokeconfig_config_doesnotexist_with_qualifier', await ctx.fail('update_function_event_invoke_config', { FunctionName: aliasArn, MaximumRetryAttempts: 0 }));
    ctx.match('update_eventinvokeconfig_config_doesnotexist_without_qualifier', await ctx.fail('update_function_event_invoke_config', { FunctionName: fnArn, MaximumRetryAttempts: 0 }));
  },
};

/** Event invoke configuration (async retries, event age, destinations). */
export const eventInvokeCases: readonly ParityCase[] = [lifecycle, exceptions];
