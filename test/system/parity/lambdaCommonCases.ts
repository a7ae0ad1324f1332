// test_lambda_common.py cases (per-runtime introspection, uncaught exceptions, runtime wrappers),
// re-enacted with our own handlers; the handler code is ours, the recorded shapes are AWS's.
import { bytes } from './boto3Client';
import { type CaseContext, type ParityCase } from './parityCase';
import { makeZip } from '../../core/state/zipFixtures';

const RUNTIMES = [
  'nodejs16.x', 'nodejs18.x', 'nodejs20.x', 'nodejs22.x', 'nodejs24.x',
  'python3.8', 'python3.9', 'python3.10', 'python3.11', 'python3.12', 'python3.13', 'python3.14',
  'java8.al2', 'java11', 'java17', 'java21', 'java25', 'dotnet6', 'dotnet8', 'dotnet10', 'ruby3.2', 'ruby3.3', 'ruby3.4',
  'provided.al2', 'provided.al2023',
];

/** Values that are paths and addresses of AWS's execution image; a local engine has its own (presence is still checked). */
export const HOST_SPECIFIC_VARIABLES = [
  'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR', 'LD_LIBRARY_PATH', 'PATH', 'NODE_PATH', 'PWD', 'PYTHONPATH',
  'AWS_LAMBDA_RUNTIME_API', 'AWS_XRAY_DAEMON_ADDRESS', '_AWS_XRAY_DAEMON_ADDRESS', '_AWS_XRAY_DAEMON_PORT', 'NODE_EXTRA_CA_CERTS',
];

function unsupported(runtime: string): string | undefined {
  if (/^(java|dotnet|ruby)/.test(runtime)) return 'the engine runs Node.js, Python and provided runtimes only';
  if (runtime.startsWith('provided')) return "needs the case's compiled custom-runtime bootstrap (a Rust/Go build of LocalStack's fixture)";
  if (['nodejs16.x', 'python3.8', 'dotnet6'].includes(runtime)) return 'AWS accepted creating this runtime when recorded; it refuses since 2026-02-28 (block-create date in the Lambda runtime deprecation table), and so does the engine';
  return undefined;
}

const introspectionNode = `exports.handler = async (event, context) => ({
  environment: { ...process.env },
  ctx: {
    function_name: context.functionName,
    function_version: context.functionVersion,
    invoked_function_arn: context.invokedFunctionArn,
    aws_request_id: context.awsRequestId,
    log_group_name: context.logGroupName,
    log_stream_name: context.logStreamName,
    remaining_time_in_millis: context.getRemainingTimeInMillis(),
  },
  packages: [],
});
`;
const introspectionPython = `import os


def handler(event, context):
    ctx = {
        "function_name": context.function_name,
        "function_version": context.function_version,
        "invoked_function_arn": context.invoked_function_arn,
        "memory_limit_in_mb": context.memory_limit_in_mb,
        "aws_request_id": context.aws_request_id,
        "log_group_name": context.log_group_name,
        "log_stream_name": context.log_stream_name,
        "remaining_time_in_millis": context.get_remaining_time_in_millis(),
    }
    return {"environment": dict(os.environ), "ctx": ctx, "packages": []}
`;
const throwingNode = 'exports.handler = async (event) => {\n  throw new Error(`Error: ${event.error_msg}`);\n};\n';
const throwingPython = 'def handler(event, context):\n    raise Exception("Failed: %s" % event.get("error_msg"))\n';

const isNode = (runtime: string): boolean => runtime.startsWith('nodejs');
const codeOf = (runtime: string, node: string, python: string, extra: { name: string; content: string; mode?: number }[] = []): Buffer =>
  makeZip([isNode(runtime) ? { name: 'index.js', content: node } : { name: 'handler.py', content: python }, ...extra]);

async function create(ctx: CaseContext, runtime: string, scenario: string, code: Buffer, extra: Record<string, unknown>): Promise<Record<string, any>> {
  const name = ctx.name(scenario);
  const r = await ctx.ok('create_function', { FunctionName: name, Runtime: runtime, Handler: isNode(runtime) ? 'index.handler' : 'handler.handler', Role: ctx.role, Code: { ZipFile: bytes(code) }, ...extra });
  ctx.onCleanup(async () => void (await ctx.call('delete_function', { FunctionName: name })));
  await ctx.waitActive(name);
  return r;
}

/** The recorded environment's host-specific values stand for whatever the engine's are, when present. */
function hostNeutral(payload: Record<string, any>, recorded: Record<string, any> | undefined): Record<string, any> {
  const env = { ...(payload.environment as Record<string, string>) };
  const want = (recorded?.environment ?? {}) as Record<string, string>;
  for (const k of HOST_SPECIFIC_VARIABLES) if (k in env && k in want) env[k] = want[k] as string;
  return { ...payload, environment: env };
}

const introspection = (runtime: string, recorded: (key: string) => Record<string, any> | undefined): ParityCase => ({
  id: `TestLambdaRuntimesCommon::test_introspection_invoke[${runtime}]`,
  run: async (ctx) => {
    const created = await create(ctx, runtime, 'introspection', codeOf(runtime, introspectionNode, introspectionPython), { MemorySize: 1024, Environment: { Variables: { TEST_KEY: 'TEST_VAL' } } });
    ctx.match('create_function_result', created);
    const plain = await ctx.ok('invoke', { FunctionName: created.FunctionName, Payload: bytes(Buffer.from('{"simple": "payload"}')) });
    ctx.match('invocation_result_payload', hostNeutral(plain.Payload, recorded('invocation_result_payload')));
    const qualified = await ctx.ok('invoke', { FunctionName: `${created.FunctionArn}:$LATEST`, Payload: bytes(Buffer.from('{"simple": "payload"}')) });
    ctx.match('invocation_result_payload_qualified', hostNeutral(qualified.Payload, recorded('invocation_result_payload_qualified')));
  },
});

const uncaught = (runtime: string): ParityCase => ({
  id: `TestLambdaRuntimesCommon::test_uncaught_exception_invoke[${runtime}]`,
  run: async (ctx) => {
    const created = await create(ctx, runtime, 'uncaughtexception', codeOf(runtime, throwingNode, throwingPython), { MemorySize: 1024 });
    ctx.match('create_function_result', created);
    const r = await ctx.ok('invoke', { FunctionName: created.FunctionName, Payload: bytes(Buffer.from('{"error_msg": "some_error_msg"}')) });
    // The recording replaces the stack trace by a placeholder; only its presence is compared.
    const payload = { ...(r.Payload as Record<string, unknown>) };
    for (const k of ['trace', 'stackTrace']) if (k in payload) payload[k] = '<stack-trace>';
    ctx.match('error_result', { ...r, Payload: payload });
  },
});

const wrapper = (runtime: string): ParityCase => ({
  id: `TestLambdaRuntimesCommon::test_runtime_wrapper_invoke[${runtime}]`,
  run: async (ctx) => {
    const script = '#!/bin/bash\nexport WRAPPER_VAR=test-value\nexec "$@"\n';
    const code = codeOf(runtime, introspectionNode, introspectionPython, [{ name: 'environment_wrapper', content: script, mode: 0o755 }]);
    const created = await create(ctx, runtime, 'introspection', code, { MemorySize: 1024, Environment: { Variables: { AWS_LAMBDA_EXEC_WRAPPER: '/var/task/environment_wrapper' } } });
    ctx.match('create_function_result', created);
  },
});

/** Every recorded runtime x scenario; `recorded(id, key)` reads the recording (for host-specific values). */
export function commonCases(recorded: (id: string, key: string) => Record<string, any> | undefined): ParityCase[] {
  return RUNTIMES.flatMap((runtime) => {
    const why = unsupported(runtime);
    const cases = [
      introspection(runtime, (key) => recorded(`TestLambdaRuntimesCommon::test_introspection_invoke[${runtime}]`, key)),
      uncaught(runtime),
      wrapper(runtime),
    ];
    return why ? cases.map((c) => ({ id: c.id, skip: why })) : cases;
  });
}
