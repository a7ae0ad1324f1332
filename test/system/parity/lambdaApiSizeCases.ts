// test_lambda_api.py::TestLambdaSizeLimits cases re-enacted against our endpoint (inputs read from
// LocalStack's test code; this code is ours).
import { makeZip } from '../../core/state/zipFixtures';
import { bytes } from './boto3Client';
import { type CaseContext, type ParityCase, PYTHON_ECHO } from './parityCase';

const S3 = 'uploads the code with the Amazon S3 API: the engine has no S3 API (Code.S3Bucket reads a local folder)';
const ZIPPED_LIMIT = 52_428_800;
const REQUEST_LIMIT = 70_167_211;

/** The echo handler padded with `#` to `size` characters, in an uncompressed zip (Python's zipfile default, as the recording's). */
const sizedZip = (size: number): Buffer => makeZip([{ name: 'handler.py', content: PYTHON_ECHO + '#'.repeat(size - PYTHON_ECHO.length) }], 'stored');

const createLarge = (ctx: CaseContext, zip: Buffer, extra: Record<string, unknown> = {}) =>
  ctx.fail('create_function', { FunctionName: ctx.name('test_lambda'), Runtime: 'python3.12', Handler: 'handler.handler', Role: ctx.role, Code: { ZipFile: bytes(zip) }, Timeout: 10, ...extra });

const oversizedRequest: ParityCase = {
  id: 'TestLambdaSizeLimits::test_oversized_request_create_lambda',
  run: async (ctx) => {
    const env = PYTHON_ECHO + '#'.repeat(REQUEST_LIMIT - ZIPPED_LIMIT + 1024 * 1024 - PYTHON_ECHO.length);
    ctx.match('invalid_param_exc', await createLarge(ctx, sizedZip(ZIPPED_LIMIT - 1024), { Environment: { Variables: { largeKey: env } } }));
  },
};

const oversizedZipped: ParityCase = {
  id: 'TestLambdaSizeLimits::test_oversized_zipped_create_lambda',
  run: async (ctx) => ctx.match('invalid_param_exc', await createLarge(ctx, sizedZip(ZIPPED_LIMIT))),
};

/** Creates with `variables`; on AWS's refusal checks the function does not exist afterwards. */
async function withEnvironment(ctx: CaseContext, key: string, variables: Record<string, string>, succeeds: boolean): Promise<void> {
  const fn = ctx.name('large-envvar-lambda');
  if (succeeds) {
    ctx.match(key, await ctx.createFunction(fn, { Environment: { Variables: variables } }));
    await ctx.ok('get_function', { FunctionName: fn });
    return;
  }
  ctx.match(key, await ctx.fail('create_function', { FunctionName: fn, Runtime: 'python3.12', Handler: 'handler.handler', Role: ctx.role, Code: { ZipFile: bytes(makeZip([{ name: 'handler.py', content: PYTHON_ECHO }])) }, Timeout: 30, Environment: { Variables: variables }, Tags: {} }));
  const after = await ctx.fail('get_function', { FunctionName: fn });
  if (after.Error?.Code !== 'ResourceNotFoundException') throw new Error(`a refused function must not exist: ${JSON.stringify(after)}`);
}

/** Environment sizes are measured on the compact JSON (LocalStack's environment_length_bytes). */
const KB = 1024;
const large = (target: number, key = 'LARGE_VAR'): string => 'x'.repeat(target - Buffer.byteLength(key));

/** Size limits of code and environment. */
export const sizeCases: readonly ParityCase[] = [
  oversizedRequest,
  oversizedZipped,
  { id: 'TestLambdaSizeLimits::test_large_environment_variables_fails', run: (ctx) => withEnvironment(ctx, 'failed_create_fn_result', { LARGE_VAR: large(4 * KB - 6) }, false) },
  { id: 'TestLambdaSizeLimits::test_large_environment_fails_multiple_keys', run: (ctx) => withEnvironment(ctx, 'failured_create_fn_result_multi_key', { SMALL_VAR: 'ok', LARGE_VAR: 'x'.repeat(4064) }, false) },
  { id: 'TestLambdaSizeLimits::test_lambda_envvars_near_limit_succeeds', run: (ctx) => withEnvironment(ctx, 'successful_create_fn_result', { LARGE_VAR: large(4 * KB - 7) }, true) },
  { id: 'TestLambdaSizeLimits::test_oversized_unzipped_lambda', skip: S3 },
  { id: 'TestLambdaSizeLimits::test_large_lambda', skip: S3 },
];
