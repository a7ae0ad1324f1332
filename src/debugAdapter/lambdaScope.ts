// The "Lambda" scope of the Variables view: the emulated context of the invocation being debugged
// (remaining time on the frozen clock, request id, log group and stream), named as the runtime names it.
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { FunctionConfig } from '../core/functionConfig';
import type { ExecutionEnvironment } from '../core/runtime/executionEnvironment';

/** Variables reference of the Lambda scope; far above the ones targets hand out. */
export const LAMBDA_SCOPE_REF = 2_000_000_000;

/** What the scope shows. */
export interface LambdaScopeState {
  readonly language: 'node' | 'python' | 'java' | 'ruby';
  readonly config: FunctionConfig;
  readonly env: ExecutionEnvironment | undefined;
  readonly requestId: string | undefined;
  readonly invokedFunctionArn: string | undefined;
  readonly clockFrozen: boolean;
}

/** The scope entry added to every frame's scopes. */
export const lambdaScope: DebugProtocol.Scope = { name: 'Lambda', variablesReference: LAMBDA_SCOPE_REF, expensive: false };

const text = (name: string, value: string | undefined): DebugProtocol.Variable => ({
  name,
  value: value === undefined ? 'undefined' : JSON.stringify(value),
  type: 'string',
  variablesReference: 0,
});

const number = (name: string, value: number): DebugProtocol.Variable => ({ name, value: String(value), type: 'number', variablesReference: 0 });

/** The scope's variables, with the context's field names of the function's runtime. */
export function lambdaScopeVariables(s: LambdaScopeState): DebugProtocol.Variable[] {
  const py = s.language === 'python' || s.language === 'ruby';
  const remaining = s.env?.remainingMs();
  const phase = s.env?.state === 'initializing' ? 'init' : remaining !== undefined ? 'invoke' : 'idle';
  const vars: DebugProtocol.Variable[] = [];
  if (remaining !== undefined) vars.push(number(py ? 'get_remaining_time_in_millis()' : 'getRemainingTimeInMillis()', Math.max(py ? 0 : -Infinity, Math.round(remaining))));
  vars.push(
    text(py ? 'aws_request_id' : 'awsRequestId', phase === 'invoke' ? s.requestId : undefined),
    text(py ? 'function_name' : 'functionName', s.config.functionName),
    text(py ? 'function_version' : 'functionVersion', s.config.version),
    text(py ? 'invoked_function_arn' : 'invokedFunctionArn', s.invokedFunctionArn),
    text(py ? 'memory_limit_in_mb' : 'memoryLimitInMB', String(s.config.memorySize)),
    text(py ? 'log_group_name' : 'logGroupName', s.config.logging.logGroup),
    text(py ? 'log_stream_name' : 'logStreamName', s.env?.logStreamName),
    { name: 'phase', value: phase, variablesReference: 0, presentationHint: { attributes: ['readOnly'] } },
    { name: 'timeout', value: `${s.config.timeout} s${s.clockFrozen ? ', clock frozen while stopped' : ', clock keeps running while stopped'}`, variablesReference: 0 },
  );
  return vars;
}
