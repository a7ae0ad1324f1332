// More test_lambda_api.py::TestLambdaFunction cases (code locations, function ARNs, concurrent updates)
// re-enacted against our endpoint (inputs read from LocalStack's test code; this code is ours).
import { createHash } from 'node:crypto';
import { bytes } from './boto3Client';
import { type CaseContext, type ParityCase, PYTHON_ECHO, PYTHON_VERSION, pythonZip } from './parityCase';

const S3 = 'uploads the code with the Amazon S3 API: the engine has no S3 API (Code.S3Bucket reads a local folder)';
const CONCURRENT =
  'needs a second update to arrive while AWS is still applying the first (LocalStack delays its own updates to catch it): the engine applies an update before it answers, so there is no in-progress window';
const VPC = 'VpcConfig names EC2 subnets and security groups that AWS checks against EC2: the engine has no VPC or EC2';

/** Downloads Code.Location and checks it serves exactly `zip`, whose hash and size the configuration reports. */
async function checkCode(get: Record<string, any>, zip: Buffer): Promise<void> {
  const body = Buffer.from(await (await fetch(String(get.Code.Location))).arrayBuffer());
  if (!body.equals(zip)) throw new Error('Code.Location does not serve the uploaded zip');
  if (get.Configuration.CodeSha256 !== createHash('sha256').update(zip).digest('base64')) throw new Error('CodeSha256 is not the zip hash');
  if (get.Configuration.CodeSize !== zip.length) throw new Error('CodeSize is not the zip size');
}

const codeLocationZip: ParityCase = {
  id: 'TestLambdaFunction::test_lambda_code_location_zipfile',
  run: async (ctx) => {
    const fn = ctx.name('code-function');
    const zip = pythonZip(PYTHON_ECHO);
    ctx.match('create-response-zip-file', await ctx.createRaw({ FunctionName: fn, Code: { ZipFile: bytes(zip) } }));
    const get = await ctx.ok('get_function', { FunctionName: fn });
    ctx.match('get-function-response', get);
    await checkCode(get, zip);
    const updated = pythonZip(PYTHON_VERSION);
    ctx.match('update-function-response', await ctx.call('update_function_code', { FunctionName: fn, ZipFile: bytes(updated) }));
    await ctx.waitActive(fn);
    const after = await ctx.ok('get_function', { FunctionName: fn });
    ctx.match('get-function-response-updated', after);
    await checkCode(after, updated);
  },
};

const raw = (ctx: CaseContext, FunctionName: string) =>
  ctx.fail('create_function', { FunctionName, Handler: 'index.handler', Code: { ZipFile: bytes(pythonZip(PYTHON_ECHO)) }, PackageType: 'Zip', Role: ctx.role, Runtime: 'python3.12' });

const functionArns: ParityCase = {
  id: 'TestLambdaFunction::test_function_arns',
  run: async (ctx) => {
    const prefix = `arn:aws:lambda:${ctx.region}:${ctx.account}:function:`;
    ctx.match('create-function-arn-response', await ctx.createFunction(`${prefix}${ctx.name('test-function-arn')}`));
    ctx.match('create-function-partial-arn-response', await ctx.createFunction(`${ctx.account}:function:${ctx.name('test-partial-arn')}`));
    ctx.match('invalid_function_name_exc', await raw(ctx, 'invalid:function:name'));
    ctx.match('long_function_name_exc', await raw(ctx, 'a'.repeat(65)));
    const longName = 'a'.repeat(140 - prefix.length + 1);
    // The recording replaced the long name by <function-name> (a regex transformer); so do we.
    ctx.match('long_function_arn_exc', JSON.parse(JSON.stringify(await raw(ctx, prefix + longName)).split(longName).join('<function-name>')));
    ctx.match('function_arn_other_region_exc', await raw(ctx, `arn:aws:lambda:ap-southeast-1:${ctx.account}:function:${ctx.name('test-function-arn')}`));
    // Any account but the engine's (the recording's "other" account is the engine's default one).
    ctx.match('function_arn_other_account_exc', await raw(ctx, `arn:aws:lambda:${ctx.region}:210987654321:function:${ctx.name('test-function-arn')}`));
  },
};

const versionHandler = (v: string): Buffer => pythonZip(`def handler(event, context):\n    return {"version": "${v}"}\n`);

const concurrentCode: ParityCase = {
  id: 'TestLambdaFunction::test_lambda_concurrent_code_updates',
  run: async (ctx) => {
    const fn = ctx.name('test-lambda');
    ctx.match('create-function-response', await ctx.createRaw({ FunctionName: fn, Handler: 'handler.handler', Code: { ZipFile: bytes(versionHandler('version0')) } }));
    await ctx.ok('update_function_code', { FunctionName: fn, ZipFile: bytes(versionHandler('version1')) });
    ctx.match('update-during-in-progress-update-exc', await ctx.fail('update_function_code', { FunctionName: fn, ZipFile: bytes(versionHandler('version2')) }));
    await ctx.waitActive(fn);
  },
};

const concurrentConfig: ParityCase = {
  id: 'TestLambdaFunction::test_lambda_concurrent_config_updates',
  run: async (ctx) => {
    const fn = ctx.name('test-lambda');
    ctx.match('create-function-response', await ctx.createFunction(fn));
    await ctx.ok('update_function_configuration', { FunctionName: fn, Environment: { Variables: { TEST: 'TEST1' } } });
    ctx.match('update-during-in-progress-update-exc', await ctx.fail('update_function_configuration', { FunctionName: fn, Environment: { Variables: { TEST: 'TEST2' } } }));
    await ctx.waitActive(fn);
  },
};

/** Code locations, ARNs as names, updates during an update; S3 and VPC cases skipped with the reason. */
export const functionMoreCases: readonly ParityCase[] = [
  codeLocationZip,
  functionArns,
  { ...concurrentCode, skip: CONCURRENT },
  { ...concurrentConfig, skip: CONCURRENT },
  { id: 'TestLambdaFunction::test_lambda_code_location_s3', skip: S3 },
  { id: 'TestLambdaFunction::test_lambda_code_location_s3_errors', skip: S3 },
  { id: 'TestLambdaFunction::test_vpc_config', skip: VPC },
  { id: 'TestLambdaFunction::test_invalid_vpc_config_subnet', skip: VPC },
  { id: 'TestLambdaFunction::test_invalid_vpc_config_security_group', skip: VPC },
];
