// test_lambda_api.py::TestLambdaSnapStart cases re-enacted against our endpoint (inputs read from
// LocalStack's test code; this code is ours). Only the API is exercised: no function is invoked.
import { makeZip } from '../../core/state/zipFixtures';
import { bytes } from './boto3Client';
import { type CaseContext, type ParityCase, PYTHON_ECHO, pythonZip } from './parityCase';

/** Each runtime with the handler of LocalStack's `echo` fixture; the code itself is ours and never runs here. */
const runtimes: Record<string, string> = {
  java11: 'echo.Handler',
  java17: 'echo.Handler',
  java21: 'echo.Handler',
  java25: 'echo.Handler',
  'python3.12': 'handler.handler',
  'python3.13': 'handler.handler',
  dotnet8: 'dotnet::Dotnet.Function::FunctionHandler',
  dotnet10: 'dotnet::Dotnet.Function::FunctionHandler',
};

const codeFor = (runtime: string): Buffer =>
  runtime.startsWith('python') ? pythonZip(PYTHON_ECHO) : makeZip([{ name: 'README', content: `echo fixture placeholder for ${runtime}\n` }]);

/** The multiruntime fixture's CreateFunction (MemorySize 1024, Timeout 5), answered as is. */
async function create(ctx: CaseContext, runtime: string): Promise<string> {
  const fn = ctx.name('echo');
  const response = await ctx.createRaw({ FunctionName: fn, Runtime: runtime, Handler: runtimes[runtime], Code: { ZipFile: bytes(codeFor(runtime)) }, MemorySize: 1024, Timeout: 5, PackageType: undefined });
  ctx.match('create_function_response', response);
  return fn;
}

const lifecycle = (runtime: string): ParityCase => ({
  id: `TestLambdaSnapStart::test_snapstart_lifecycle[${runtime}]`,
  run: async (ctx) => {
    const fn = await create(ctx, runtime);
    const v = await ctx.ok('publish_version', { FunctionName: fn, Description: 'version1' });
    await ctx.waitActive(fn, String(v.Version));
    ctx.match('get_function_response_latest', await ctx.call('get_function', { FunctionName: fn }));
    ctx.match('get_function_response_version_1', await ctx.call('get_function', { FunctionName: `${fn}:${String(v.Version)}` }));
  },
});

const update = (runtime: string): ParityCase => ({
  id: `TestLambdaSnapStart::test_snapstart_update_function_configuration[${runtime}]`,
  run: async (ctx) => {
    const fn = await create(ctx, runtime);
    ctx.match('update_function_response', await ctx.call('update_function_configuration', { FunctionName: fn, SnapStart: { ApplyOn: 'PublishedVersions' } }));
    await ctx.waitActive(fn);
  },
});

const exceptions: ParityCase = {
  id: 'TestLambdaSnapStart::test_snapstart_exceptions',
  run: async (ctx) => {
    ctx.match(
      'create_function_invalid_snapstart_apply',
      await ctx.fail('create_function', { FunctionName: ctx.name('invalid-function'), Handler: 'cloud.localstack.sample.LambdaHandlerWithLib', Code: { ZipFile: bytes(pythonZip(PYTHON_ECHO)) }, PackageType: 'Zip', Role: ctx.role, Runtime: 'java21', SnapStart: { ApplyOn: 'invalidOption' } }),
    );
  },
};

/** SnapStart settings (the engine starts no snapshots: OptimizationStatus stays Off, as the recordings show). */
export const snapStartCases: readonly ParityCase[] = [...Object.keys(runtimes).map(lifecycle), ...Object.keys(runtimes).map(update), exceptions];
