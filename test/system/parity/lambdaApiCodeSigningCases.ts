// test_lambda_api.py::TestCodeSigningConfig cases re-enacted against our endpoint (inputs read from
// LocalStack's test code; this code is ours).
import type { CaseContext, ParityCase } from './parityCase';

const createConfig = (ctx: CaseContext) =>
  ctx.ok('create_code_signing_config', {
    Description: 'Testing CodeSigning Config',
    AllowedPublishers: { SigningProfileVersionArns: [`arn:aws:signer:${ctx.region}:${ctx.account}:/signing-profiles/test`] },
    CodeSigningPolicies: { UntrustedArtifactOnDeployment: 'Enforce' },
  });

async function withConfig(ctx: CaseContext): Promise<{ fn: string; arn: string }> {
  const fn = ctx.name('lambda_func');
  await ctx.createFunction(fn);
  const created = await createConfig(ctx);
  ctx.match('create_code_signing_config', created);
  const arn = String(created.CodeSigningConfig.CodeSigningConfigArn);
  ctx.onCleanup(async () => void (await ctx.call('delete_code_signing_config', { CodeSigningConfigArn: arn })));
  return { fn, arn };
}

const lifecycle: ParityCase = {
  id: 'TestCodeSigningConfig::test_function_code_signing_config',
  run: async (ctx) => {
    const { fn, arn } = await withConfig(ctx);
    ctx.match('update_code_signing_config', await ctx.call('update_code_signing_config', { CodeSigningConfigArn: arn, CodeSigningPolicies: { UntrustedArtifactOnDeployment: 'Warn' } }));
    ctx.match('get_code_signing_config', await ctx.call('get_code_signing_config', { CodeSigningConfigArn: arn }));
    ctx.match('put_function_code_signing_config', await ctx.call('put_function_code_signing_config', { CodeSigningConfigArn: arn, FunctionName: fn }));
    ctx.match('get_function_code_signing_config', await ctx.call('get_function_code_signing_config', { FunctionName: fn }));
    const listed = (await ctx.ok('list_code_signing_configs')).CodeSigningConfigs as unknown[];
    ctx.match('list_code_signing_configs', listed[listed.length - 1]);
    ctx.match('list_functions_by_code_signing_config', await ctx.call('list_functions_by_code_signing_config', { CodeSigningConfigArn: arn }));
    ctx.match('delete_function_code_signing_config', await ctx.call('delete_function_code_signing_config', { FunctionName: fn }));
    ctx.match('delete_code_signing_config', await ctx.call('delete_code_signing_config', { CodeSigningConfigArn: arn }));
  },
};

/** The recording replaced the invalid ARN by `<csc_arn_invalid>` (a regex transformer); so do we. */
const masked = (invalid: string, r: Record<string, any>): Record<string, any> => JSON.parse(JSON.stringify(r).split(invalid).join('<csc_arn_invalid>')) as Record<string, any>;

const notFound: ParityCase = {
  id: 'TestCodeSigningConfig::test_code_signing_not_found_excs',
  run: async (ctx) => {
    const { fn, arn } = await withConfig(ctx);
    const invalid = `${arn.slice(0, -1)}x`;
    const missing = 'csc-test-doesnotexist';
    const fail = async (key: string, op: string, params: Record<string, unknown>): Promise<void> => ctx.match(key, masked(invalid, await ctx.fail(op, params)));
    await fail('delete_csc_notfound', 'delete_code_signing_config', { CodeSigningConfigArn: invalid });
    ctx.match('nothing_to_delete_response', await ctx.call('delete_function_code_signing_config', { FunctionName: fn }));
    await fail('delete_function_csc_fnnotfound', 'delete_function_code_signing_config', { FunctionName: missing });
    await fail('put_function_csc_invalid_fnname', 'put_function_code_signing_config', { FunctionName: missing, CodeSigningConfigArn: arn });
    await fail('put_function_csc_invalid_csc_arn', 'put_function_code_signing_config', { FunctionName: fn, CodeSigningConfigArn: invalid });
    await fail('put_function_csc_invalid_both', 'put_function_code_signing_config', { FunctionName: missing, CodeSigningConfigArn: invalid });
    await fail('update_csc_invalid_csc_arn', 'update_code_signing_config', { CodeSigningConfigArn: invalid, Description: 'new-description' });
    await fail('update_csc_noupdates', 'update_code_signing_config', { CodeSigningConfigArn: invalid });
    ctx.match('update_csc_noupdate_response', await ctx.call('update_code_signing_config', { CodeSigningConfigArn: arn }));
    await fail('get_csc_invalid', 'get_code_signing_config', { CodeSigningConfigArn: invalid });
    ctx.match('get_function_csc_fnwithoutcsc', await ctx.call('get_function_code_signing_config', { FunctionName: fn }));
    await fail('get_function_csc_nonexistingfn', 'get_function_code_signing_config', { FunctionName: missing });
    ctx.match('list_functions_by_csc_fnwithoutcsc', await ctx.call('list_functions_by_code_signing_config', { CodeSigningConfigArn: arn }));
    await fail('list_functions_by_csc_invalid_cscarn', 'list_functions_by_code_signing_config', { CodeSigningConfigArn: invalid });
  },
};

/** Code signing configurations. */
export const codeSigningCases: readonly ParityCase[] = [lifecycle, notFound];
