// Failures of Python functions through real execution environments: load errors with PRIC's exact
// messages, handler exceptions (payload and log text, fidelity 2.3, 4.3), timeouts and sys.exit (10).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Emulator } from '../../../src/core/emulator';
import { assertNoOrphans } from '../../support/processes';
import { invokePython, pythonConfig, pythonFixture, siteLine, startPythonEngine, testInterpreters } from './pythonHarness';

const basic = pythonFixture('basic');
const loadErrors = pythonFixture('load-errors');
const WARNING =
  'LAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function code. However, in rare cases, a Lambda runtime update can cause unexpected function behavior. For functions using managed runtimes, runtime updates can be triggered by a function change, or can be applied automatically. To determine if the runtime has been updated, check the runtime version in the INIT_START log entry. If this error correlates with a change in the runtime version, you may be able to mitigate this error by temporarily rolling back to the previous runtime version. For more information, see https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html\r\n';
const nbsp = (s: string) => s.replace(/^ +/gm, (m) => '\u00a0'.repeat(m.length));

for (const python of testInterpreters()) {
  describe(`Python runtime on ${python}: failures`, () => {
    let engine: Emulator;
    const define = (name: string, handler: string, codeDir = basic, extra = {}) =>
      engine.defineFunction(pythonConfig(name, codeDir, { handler, ...extra }));

    before(async () => {
      engine = await startPythonEngine(python);
    });
    after(async () => {
      await engine.dispose();
      await assertNoOrphans();
    });

    /** Asserts an init failure: the payload text, then the warning and error lines before START. */
    async function expectInitError(handler: string, errorType: string, errorMessage: string, logText = `[ERROR] ${errorType}: ${errorMessage}\nTraceback (most recent call last):\n`) {
      const name = `init-${handler.replace(/[^A-Za-z0-9]/g, '-')}`;
      define(name, handler, loadErrors);
      const { response, text, lines } = await invokePython(engine, name);
      assert.equal(response.functionError, 'Unhandled');
      assert.equal(response.outcome?.errorType, errorType);
      assert.equal(text, `{"errorMessage": ${JSON.stringify(errorMessage)}, "errorType": "${errorType}", "requestId": "", "stackTrace": []}`);
      const warning = lines.findIndex((l) => /^\[WARNING\]\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\t\t/.test(l) && l.endsWith(WARNING));
      const error = lines.indexOf(logText);
      const start = lines.findIndex((l) => l.startsWith('START RequestId:'));
      assert.ok(warning >= 0 && error === warning + 1 && start > error, lines.join(''));
      assert.match(lines[lines.length - 1] as string, new RegExp(`\\tStatus: error\\tError Type: ${errorType.replace('.', '\\.')}\\t\\n$`));
    }

    it('reports a handler without a dot as Runtime.MalformedHandlerName', async () => {
      await expectInitError('app', 'Runtime.MalformedHandlerName', "Bad handler 'app': not enough values to unpack (expected 2, got 1)");
    });

    it('refuses a built-in module as handler module', async () => {
      await expectInitError('sys.handler', 'Runtime.BuiltInModuleConflict', 'Cannot use built-in module sys as a handler module');
    });

    it('reports a missing module and a missing dependency as Runtime.ImportModuleError', async () => {
      await expectInitError('missing_module.handler', 'Runtime.ImportModuleError', "Unable to import module 'missing_module': No module named 'missing_module'");
      await expectInitError(
        'imports_missing.handler',
        'Runtime.ImportModuleError',
        "Unable to import module 'imports_missing': No module named 'a_dependency_that_is_not_installed'",
      );
    });

    it('reports a missing function as Runtime.HandlerNotFound', async () => {
      await expectInitError('app.handler', 'Runtime.HandlerNotFound', "Handler 'handler' missing on module 'app'");
    });

    it('reports a syntax error as Runtime.UserCodeSyntaxError with the offending line', async () => {
      define('syntax', 'syntax_error.handler', loadErrors);
      const { text, lines } = await invokePython(engine, 'syntax');
      const file = path.join(loadErrors, 'syntax_error.py');
      const message = "Syntax error in module 'syntax_error': expected ':' (syntax_error.py, line 2)";
      const trace = `  File "${file}" Line 2\n    def handler(event, context)\n`;
      assert.deepEqual(JSON.parse(text), { errorMessage: message, errorType: 'Runtime.UserCodeSyntaxError', requestId: '', stackTrace: [trace] });
      assert.ok(lines.includes(`[ERROR] Runtime.UserCodeSyntaxError: ${message}\nTraceback (most recent call last):\n${nbsp(trace)}`), lines.join(''));
    });

    it('reports an exception in module code with its own class and the import frames', async () => {
      define('init-raises', 'init_raises.handler', loadErrors);
      const { text, lines, response } = await invokePython(engine, 'init-raises');
      const body = JSON.parse(text);
      assert.equal(response.outcome?.errorType, 'Exception');
      assert.equal(body.errorMessage, 'Runtime startup fails');
      assert.equal(body.requestId, '');
      assert.match(body.stackTrace[0], /^ {2}File ".*\/importlib\/__init__\.py", line \d+, in import_module\n/);
      const file = path.join(loadErrors, 'init_raises.py');
      const last = `  File "${file}", line ${siteLine(file, 'init-raise')}, in <module>\n    raise Exception("Runtime startup fails")  # site:init-raise\n`;
      assert.equal(body.stackTrace[body.stackTrace.length - 1], last);
      const logged = `[ERROR] Exception: Runtime startup fails\nTraceback (most recent call last):\n${body.stackTrace.map(nbsp).join('')}`;
      assert.ok(lines.includes('about to fail\n') && lines.includes(logged), lines.join(''));
      const again = await invokePython(engine, 'init-raises');
      assert.equal(again.response.outcome?.coldStart, true, 'a failed init leaves no warm environment');
      assert.notEqual(again.response.outcome?.environmentId, response.outcome?.environmentId);
    });

    it('loads handlers of nested modules written with / or .', async () => {
      define('nested-slash', 'pkg/nested.handler', loadErrors);
      define('nested-dot', 'pkg.nested.handler', loadErrors);
      assert.deepEqual((await invokePython(engine, 'nested-slash')).body, { module: 'pkg.nested' });
      assert.deepEqual((await invokePython(engine, 'nested-dot')).body, { module: 'pkg.nested' });
    });

    it('imports layer modules, site-packages before python/ and a later layer first', async () => {
      define('layers', 'app.layer_modules', basic, {
        layers: [
          { name: 'one', contentDir: pythonFixture('layer-one') },
          { name: 'two', contentDir: pythonFixture('layer-two') },
        ],
      });
      const { body } = await invokePython(engine, 'layers');
      assert.deepEqual(body, { shared_util: 'layer-two site-packages', layer_only: 'layer-two', first_only: 'layer-one only' });
    });

    it('returns a handler exception with its class, message and user frames, logged as one event', async () => {
      define('raises', 'app.raises');
      const { text, response, lines } = await invokePython(engine, 'raises');
      const file = path.join(basic, 'app.py');
      const stackTrace = [
        `  File "${file}", line ${siteLine(file, 'helper-call')}, in raises\n    helper()  # site:helper-call\n`,
        `  File "${file}", line ${siteLine(file, 'raise')}, in helper\n    raise CustomError("some error occurred")  # site:raise\n`,
      ];
      assert.equal(response.functionError, 'Unhandled');
      assert.equal(response.outcome?.errorType, 'CustomError');
      assert.equal(text, `{"errorMessage": "some error occurred", "errorType": "CustomError", "requestId": "${response.requestId}", "stackTrace": [${stackTrace.map((t) => JSON.stringify(t)).join(', ')}]}`);
      const logged = `[ERROR] CustomError: some error occurred\nTraceback (most recent call last):\n${stackTrace.map(nbsp).join('')}`;
      assert.ok(lines.includes(logged), lines.join(''));
      const again = await invokePython(engine, 'raises');
      assert.equal(again.response.outcome?.coldStart, false, 'a handler exception keeps the environment');
    });

    it('returns a deep RecursionError whole, although its X-Ray cause is larger than the Runtime API accepts', async () => {
      define('recurses', 'app.recurses');
      const { body, response } = await invokePython(engine, 'recurses');
      assert.equal(response.outcome?.errorType, 'RecursionError');
      assert.equal(body.errorMessage, 'maximum recursion depth exceeded');
      assert.ok(body.stackTrace.some((t: string) => /^ {2}\[Previous line repeated \d+ more times\]\n$/.test(t)), body.stackTrace.join(''));
      assert.equal((await invokePython(engine, 'recurses')).response.outcome?.coldStart, false);
    });

    it('times out with Sandbox.Timedout and starts cold afterwards', async () => {
      define('sleeps', 'app.sleeps', basic, { timeout: 1 });
      const { body, response } = await invokePython(engine, 'sleeps');
      assert.deepEqual(body, { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${response.requestId} Error: Task timed out after 1.00 seconds` });
      const next = await invokePython(engine, 'sleeps');
      assert.equal(next.response.outcome?.coldStart, true);
    });

    it('turns sys.exit during an invocation into Runtime.ExitError', async () => {
      define('exits', 'app.exits');
      const plain = await invokePython(engine, 'exits', { code: null });
      assert.deepEqual(plain.body, { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${plain.response.requestId} Error: Runtime exited without providing a reason` });
      const coded = await invokePython(engine, 'exits', { code: 3 });
      assert.deepEqual(coded.body, { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${coded.response.requestId} Error: Runtime exited with error: exit status 3` });
      assert.equal(coded.response.outcome?.coldStart, true);
      const message = await invokePython(engine, 'exits', { code: 'bye' });
      assert.equal(message.body.errorMessage, `RequestId: ${message.response.requestId} Error: Runtime exited with error: exit status 1`);
      assert.ok(message.lines.includes('bye\n'), 'the exit message printed by the interpreter reaches the log');
    });

    it('ends the runtime with a one-line reason after a response over 6 MiB', async () => {
      define('too-large', 'app.too_large');
      let unsubscribe = (): void => undefined;
      const reason = new Promise<string>((resolve) => {
        unsubscribe = engine.logs.onDidAppend((_g, _s, e) => void (e.message.includes('endpoint failed') && resolve(e.message)));
      });
      const { body, response } = await invokePython(engine, 'too-large');
      assert.equal(response.outcome?.errorType, 'Function.ResponseSizeTooLarge');
      assert.equal(body.errorMessage, 'Response payload size exceeded maximum allowed payload size (6291556 bytes).');
      assert.match(await reason, /^Request to Lambda Runtime '\/2018-06-01\/runtime\/invocation\/[^/]+\/response' endpoint failed\. Reason: '413'\. /);
      unsubscribe();
      assert.equal((await invokePython(engine, 'too-large')).response.outcome?.coldStart, true);
    });
  });
}
