// Entry of the Node.js runtime inside an execution environment: loads the handler (init phase), then
// loops on /next, running each event with Lambda's calling conventions (fidelity 2.2). Loads nothing
// of the engine.
import './engineEnv';
import { makeContext } from './context';
import { runtimeErrors, toLogJson, toRapidResponse } from './errors';
import { loadHandler, reloadHandler, type Handler } from './handlerLoader';
import { rejectCallbackHandler, usesNode24Rules } from './node24Rules';
import { logRuntimeError, patchConsole, setCurrentRequestId, setCurrentTenantId, writeEvent } from './logPatch';
import { installAwsLambdaGlobal, isStreamingHandler, runStreamingInvocation } from './responseStream';
import { sdkV2Hint } from './sdkV2Hint';
import { nextInvocation, postError, postInitError, postResponse, type NextInvocation } from './runtimeClient';

let phase: 'init' | 'invoke' = 'init';
const node24 = usesNode24Rules();
let currentId: string | undefined;

async function reportFatal(prefix: string, error: unknown, exitCode: number): Promise<never> {
  // Everything inside the try: if logging throws too (EPIPE once the engine is gone), the process must
  // still exit, or each failure raises another unhandled rejection and the runtime spins forever.
  try {
    logRuntimeError(prefix, toLogJson(error));
    const hint = sdkV2Hint(error, process.env.AWS_EXECUTION_ENV);
    if (hint) writeEvent(hint);
    const rapid = toRapidResponse(error);
    if (phase === 'init' || currentId === undefined) await postInitError(rapid, rapid.errorType);
    else await postError(currentId, rapid, rapid.errorType);
  } finally {
    process.exit(exitCode);
  }
}

function installProcessHandlers(): void {
  process.on('uncaughtException', (error) => void reportFatal('Uncaught Exception', error, 129));
  process.on('unhandledRejection', (reason) => void reportFatal('Unhandled Promise Rejection', runtimeErrors.unhandledRejection(reason), 128));
}

function serialize(result: unknown): string {
  return JSON.stringify(result === undefined ? null : result) ?? 'null';
}

/** Runs one event; resolves once the result or error has been posted. */
function runInvocation(handler: Handler, inv: NextInvocation): Promise<void> {
  if (isStreamingHandler(handler)) return runStreamingInvocation(handler, inv);
  return new Promise((resolve) => {
    let posted = false;
    let pendingResult: { value: unknown } | undefined;
    let returnedPromise = false;
    const post = (err: unknown, result?: unknown): void => {
      if (posted) return;
      posted = true;
      process.removeListener('beforeExit', onEmptyLoop);
      let done: Promise<void>;
      if (err !== null && err !== undefined) {
        logRuntimeError('Invoke Error', toLogJson(err));
        const rapid = toRapidResponse(err);
        done = postError(inv.requestId, rapid, rapid.errorType);
      } else {
        let body: string;
        try {
          body = serialize(result);
        } catch (e) {
          const marshal = { errorType: 'Runtime.MarshalError', errorMessage: `Unable to stringify response body as json: ${(e as Error).message}`, trace: [] };
          done = postError(inv.requestId, marshal, marshal.errorType);
          return void done.then(() => resolve());
        }
        done = postResponse(inv.requestId, body);
      }
      done.then(() => resolve(), (e) => void reportFatal('Runtime API error', e, 1));
    };
    // Called each time the event loop drains while this invocation is open.
    function onEmptyLoop(): void {
      if (pendingResult) return post(null, pendingResult.value);
      if (returnedPromise) return post(runtimeErrors.nodeJsExit());
      post(null, null);
    }
    process.on('beforeExit', onEmptyLoop);
    let context;
    try {
      context = makeContext(inv, post, !node24);
    } catch (e) {
      return post(e);
    }
    const callback = (err?: unknown, result?: unknown): void => {
      if (posted || pendingResult) return;
      if (err !== null && err !== undefined) return post(err);
      if (context.callbackWaitsForEmptyEventLoop) pendingResult = { value: result };
      else post(null, result);
    };
    let event: unknown;
    try {
      event = JSON.parse(inv.body);
    } catch (e) {
      return post({ name: 'Runtime.UnmarshalError', message: `Unable to parse event: ${(e as Error).message}`, stack: '' });
    }
    try {
      const ret = (node24 ? (handler as (e: unknown, c: unknown) => unknown)(event, context) : handler(event, context, callback)) as { then?: unknown } | undefined;
      // Node 24: the invocation completes with the handler's result, never waiting for an empty event loop.
      if (node24 && !(ret && typeof ret.then === 'function')) return post(null, ret);
      if (ret && typeof ret.then === 'function') {
        returnedPromise = true;
        (ret as Promise<unknown>).then(
          (value) => post(null, value),
          (error) => post(error ?? new Error('Promise rejected with ' + String(error))),
        );
      }
    } catch (e) {
      post(e);
    }
  });
}

async function main(): Promise<void> {
  patchConsole();
  installProcessHandlers();
  installAwsLambdaGlobal();
  const taskRoot = process.env.LAMBDA_TASK_ROOT ?? process.cwd();
  let handler: Handler;
  try {
    handler = await loadHandler(taskRoot, process.env._HANDLER ?? '');
    // A streamified handler takes (event, responseStream, context): three parameters, and still allowed on nodejs24.x.
    if (node24 && !isStreamingHandler(handler)) rejectCallbackHandler(handler);
  } catch (e) {
    // The v4 client (nodejs24.x) logs every init failure as "Init Error".
    return reportFatal(node24 ? 'Init Error' : 'Uncaught Exception', e, 1);
  }
  // A failed hot reload (say a syntax error) fails its invocation and is tried again on the next one.
  let reloadPending = false;
  for (;;) {
    const inv = await nextInvocation();
    phase = 'invoke';
    currentId = inv.requestId;
    setCurrentRequestId(inv.requestId);
    setCurrentTenantId(inv.tenantId);
    if (inv.traceId) process.env._X_AMZN_TRACE_ID = inv.traceId;
    else delete process.env._X_AMZN_TRACE_ID;
    if (inv.reload || reloadPending) {
      try {
        handler = await reloadHandler(taskRoot, process.env._HANDLER ?? '');
        reloadPending = false;
      } catch (e) {
        reloadPending = true;
        logRuntimeError('Hot reload failed', toLogJson(e));
        const rapid = toRapidResponse(e);
        await postError(inv.requestId, rapid, rapid.errorType);
        continue;
      }
    }
    await runInvocation(handler, inv);
  }
}

void main().catch((e) => reportFatal('Runtime error', e, 1));
