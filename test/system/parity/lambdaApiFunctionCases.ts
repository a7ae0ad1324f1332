// test_lambda_api.py::TestLambdaFunction cases re-enacted against our endpoint (inputs read from
// LocalStack's test code; this code is ours).
import { bytes } from './boto3Client';
import { type CaseContext, type ParityCase, PYTHON_VERSION, pythonZip } from './parityCase';


function lifecycle(): ParityCase {
  return {
    id: 'TestLambdaFunction::test_function_lifecycle',
    run: async (ctx) => {
      const fn = ctx.name();
      ctx.match('create_response', await ctx.createFunction(fn, { MemorySize: 256, Timeout: 5 }));
      ctx.match('get_function_response', await ctx.call('get_function', { FunctionName: fn }));
      ctx.match('update_func_conf_response', await ctx.call('update_function_configuration', { FunctionName: fn, Runtime: 'python3.11', Description: 'Changed-Description', MemorySize: 512, Timeout: 10, Environment: { Variables: { ENV_A: 'a' } } }));
      await ctx.waitActive(fn);
      ctx.match('get_function_response_postupdate', await ctx.call('get_function', { FunctionName: fn }));
      ctx.match('update_code_response', await ctx.call('update_function_code', { FunctionName: fn, ZipFile: bytes(pythonZip(PYTHON_VERSION)) }));
      await ctx.waitActive(fn);
      ctx.match('get_function_response_postcodeupdate', await ctx.call('get_function', { FunctionName: fn }));
      ctx.match('delete_response', await ctx.call('delete_function', { FunctionName: fn }));
      ctx.match('delete_postdelete', await ctx.fail('delete_function', { FunctionName: fn }));
    },
  };
}

function redundantUpdates(): ParityCase {
  return {
    id: 'TestLambdaFunction::test_redundant_updates',
    run: async (ctx) => {
      const fn = ctx.name();
      ctx.match('create_response', await ctx.createFunction(fn, { Description: 'Initial description' }));
      ctx.match('first_update_result', await ctx.call('update_function_configuration', { FunctionName: fn, Description: '1st update description' }));
      await ctx.waitActive(fn);
      ctx.match('get_fn_config_result', await ctx.call('get_function_configuration', { FunctionName: fn }));
      ctx.match('get_fn_result', await ctx.call('get_function', { FunctionName: fn }));
      ctx.match('redundant_update_result', await ctx.call('update_function_configuration', { FunctionName: fn, Description: '1st update description' }));
      await ctx.waitActive(fn);
      ctx.match('get_fn_result_after_redundant_update', await ctx.call('get_function', { FunctionName: fn }));
    },
  };
}

const arn = (ctx: CaseContext, name: string, region = ctx.region): string => `arn:aws:lambda:${region}:${ctx.account}:function:${name}`;

const qualifierMismatch = (op: string): ParityCase => ({
  id: `TestLambdaFunction::test_ops_with_arn_qualifier_mismatch[${op}]`,
  run: async (ctx) => {
    ctx.match('not_match_exception', await ctx.fail(op, { FunctionName: `${arn(ctx, 'some-function')}:1`, Qualifier: '$LATEST' }));
    ctx.match('match_exception', await ctx.fail(op, { FunctionName: `${arn(ctx, 'some-function')}:$LATEST`, Qualifier: '$LATEST' }));
  },
});

const nonexistingVersion = (op: string): ParityCase => ({
  id: `TestLambdaFunction::test_ops_on_nonexisting_version[${op}]`,
  run: async (ctx) => {
    const fn = ctx.name('i-exist');
    await ctx.createFunction(fn, { Description: 'Initial description' });
    ctx.match('version_not_found_exception', await ctx.fail(op, { FunctionName: fn, Qualifier: '1221' }));
  },
});

const deleteNonexistingVersion: ParityCase = {
  id: 'TestLambdaFunction::test_delete_on_nonexisting_version',
  run: async (ctx) => {
    const fn = ctx.name('i-exist');
    await ctx.createFunction(fn, { Description: 'Initial description' });
    await ctx.ok('delete_function', { FunctionName: fn, Qualifier: '1233' });
    await ctx.ok('delete_function', { FunctionName: fn, Qualifier: '1233' });
    await ctx.ok('delete_function', { FunctionName: fn });
    ctx.match('delete_function_response_non_existent', await ctx.fail('delete_function', { FunctionName: fn }));
    ctx.match('delete_function_response_non_existent_with_qualifier', await ctx.fail('delete_function', { FunctionName: fn, Qualifier: '1233' }));
  },
};

const nonexistingFn = (op: string): ParityCase => ({
  id: `TestLambdaFunction::test_ops_on_nonexisting_fn[${op}]`,
  run: async (ctx) => {
    ctx.match('not_found_exception', await ctx.fail(op, { FunctionName: ctx.name('i-dont-exist') }));
  },
});

const wrongRegion = (op: string): ParityCase => ({
  id: `TestLambdaFunction::test_get_function_wrong_region[${op}]`,
  run: async (ctx) => {
    const fn = ctx.name('i-exist');
    await ctx.createFunction(fn, { Description: 'Initial description' });
    ctx.match('wrong_region_exception', await ctx.fail(op, { FunctionName: arn(ctx, fn, 'eu-central-1') }));
  },
});

/** The TestLambdaFunction cases this runner re-enacts. */
export const functionCases: readonly ParityCase[] = [
  lifecycle(),
  redundantUpdates(),
  ...['delete_function', 'get_function', 'get_function_configuration'].map(qualifierMismatch),
  ...['get_function', 'get_function_configuration', 'get_function_event_invoke_config'].map(nonexistingVersion),
  deleteNonexistingVersion,
  ...['delete_function', 'get_function', 'get_function_configuration', 'get_function_url_config', 'get_function_code_signing_config', 'get_function_event_invoke_config', 'get_function_concurrency'].map(nonexistingFn),
  ...['get_function', 'get_function_configuration', 'get_function_url_config', 'get_function_code_signing_config', 'get_function_event_invoke_config', 'get_function_concurrency', 'delete_function', 'invoke'].map(wrongRegion),
];
