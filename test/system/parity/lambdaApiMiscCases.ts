// test_lambda_api.py cases about runtimes, recursion, concurrency and account settings, re-enacted
// with our own code; and the recorded cases a local engine cannot reproduce, with the reason.
import { bytes } from './boto3Client';
import { type ParityCase, PYTHON_ECHO, pythonZip } from './parityCase';

const deprecated = (runtime: string): ParityCase => ({
  id: `TestRuntimeValidation::test_create_deprecated_function_runtime_with_validation_enabled[${runtime}]`,
  run: async (ctx) => {
    // The recording fixture's CreateFunction (no waiting: it must fail).
    ctx.match('deprecation_error', await ctx.fail('create_function', { FunctionName: ctx.name(), Runtime: runtime, Handler: 'handler.handler', Role: ctx.role, Code: { ZipFile: bytes(pythonZip(PYTHON_ECHO)) }, Timeout: 30, Environment: { Variables: {} }, Tags: {} }));
  },
});

const recursionAllow: ParityCase = {
  id: 'TestLambdaRecursion::test_put_function_recursion_config_allow',
  run: async (ctx) => {
    const fn = ctx.name('recursion-test');
    await ctx.createFunction(fn, { Description: 'Lambda with recursion test' });
    ctx.match('put_recursion_config_response', await ctx.call('put_function_recursion_config', { FunctionName: fn, RecursiveLoop: 'Allow' }));
    ctx.match('get_recursion_config_response', await ctx.call('get_function_recursion_config', { FunctionName: fn }));
  },
};

const recursionDefault: ParityCase = {
  id: 'TestLambdaRecursion::test_put_function_recursion_config_default_terminate',
  run: async (ctx) => {
    const fn = ctx.name('recursion-test');
    await ctx.createFunction(fn, { Description: 'Lambda with recursion test' });
    ctx.match('get_recursion_default_terminate_response', await ctx.call('get_function_recursion_config', { FunctionName: fn }));
  },
};

const recursionInvalid: ParityCase = {
  id: 'TestLambdaRecursion::test_put_function_recursion_config_invalid_value',
  run: async (ctx) => {
    const fn = ctx.name('recursion-test');
    await ctx.createFunction(fn, { Description: 'Lambda with recursion test' });
    ctx.match('put_recursion_invalid_value_error', await ctx.fail('put_function_recursion_config', { FunctionName: fn, RecursiveLoop: 'InvalidValue' }));
  },
};

const concurrencyExceptions: ParityCase = {
  id: 'TestLambdaReservedConcurrency::test_function_concurrency_exceptions',
  run: async (ctx) => {
    ctx.match('put_function_concurrency_with_function_name_doesnotexist', await ctx.fail('put_function_concurrency', { FunctionName: 'doesnotexist', ReservedConcurrentExecutions: 1 }));
    ctx.match('put_function_concurrency_with_function_name_doesnotexist_and_invalid_concurrency', await ctx.fail('put_function_concurrency', { FunctionName: 'doesnotexist', ReservedConcurrentExecutions: 0 }));
    const fn = ctx.name('lambda_func');
    await ctx.createFunction(fn);
    const latest = await ctx.ok('get_function_configuration', { FunctionName: fn, Qualifier: '$LATEST' });
    ctx.match('put_function_concurrency_with_qualified_arn', await ctx.fail('put_function_concurrency', { FunctionName: latest.FunctionArn, ReservedConcurrentExecutions: 0 }));
  },
};

const concurrency: ParityCase = {
  id: 'TestLambdaReservedConcurrency::test_function_concurrency',
  run: async (ctx) => {
    const fn = ctx.name('lambda_func');
    await ctx.createFunction(fn);
    ctx.match('put_function_concurrency_with_reserved_0', await ctx.call('put_function_concurrency', { FunctionName: fn, ReservedConcurrentExecutions: 0 }));
    ctx.match('put_function_concurrency_with_reserved_1', await ctx.call('put_function_concurrency', { FunctionName: fn, ReservedConcurrentExecutions: 1 }));
    ctx.match('get_function_concurrency', await ctx.call('get_function_concurrency', { FunctionName: fn }));
    ctx.match('delete_response', await ctx.call('delete_function_concurrency', { FunctionName: fn }));
    ctx.match('get_function_concurrency_after_delete', await ctx.call('get_function_concurrency', { FunctionName: fn }));
  },
};

const concurrencyLimits: ParityCase = {
  id: 'TestLambdaReservedConcurrency::test_function_concurrency_limits',
  run: async (ctx) => {
    const fn = ctx.name('lambda_func');
    await ctx.createFunction(fn);
    const limit = (await ctx.ok('get_account_settings')).AccountLimit.ConcurrentExecutions as number;
    ctx.match('put_function_concurrency_account_limit_exceeded', await ctx.fail('put_function_concurrency', { FunctionName: fn, ReservedConcurrentExecutions: limit + 1 }));
    ctx.match('put_function_concurrency_below_unreserved_min_value', await ctx.fail('put_function_concurrency', { FunctionName: fn, ReservedConcurrentExecutions: limit }));
  },
};

const accountSettings: ParityCase = {
  id: 'TestLambdaAccountSettings::test_account_settings',
  run: async (ctx) => {
    const r = await ctx.ok('get_account_settings');
    // The recording keeps only the key names (the limits are specific to an account).
    ctx.match('acc_settings_modded', { ...r, AccountLimit: Object.keys(r.AccountLimit).sort(), AccountUsage: Object.keys(r.AccountUsage).sort() });
  },
};

const skip = (id: string, reason: string): ParityCase => ({ id, skip: reason });
const IMAGES = 'container images (PackageType Image, ECR): the engine runs Zip packages only';

/** Runtimes, recursion, concurrency, account settings, and cases out of a local engine's reach. */
export const miscCases: readonly ParityCase[] = [
  ...['java8', 'go1.x', 'provided', 'ruby2.7', 'nodejs14.x', 'python3.7', 'dotnetcore3.1', 'nodejs12.x'].map(deprecated),
  recursionAllow,
  recursionDefault,
  recursionInvalid,
  concurrencyExceptions,
  concurrency,
  concurrencyLimits,
  accountSettings,
  skip('TestLambdaAccountSettings::test_account_settings_total_code_size', "records byte-size differences of LocalStack's own fixture zips and layers"),
  skip('TestLambdaAccountSettings::test_account_settings_total_code_size_config_update', "records byte-size differences of LocalStack's own fixture zips"),
  ...['test_lambda_image_crud', 'test_lambda_image_and_image_config_crud', 'test_lambda_zip_file_to_image', 'test_lambda_image_versions'].map((t) => skip(`TestLambdaImages::${t}`, IMAGES)),
];
