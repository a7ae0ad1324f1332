// Log output of Python functions (fidelity 4.3, 4.4): raw print lines, the logging module's text and
// JSON formats and levels, one event per record, and the call site of each event in the log store.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Emulator } from '../../../src/core/emulator';
import type { CallSite, LogEvent } from '../../../src/core/logs/logSink';
import { assertNoOrphans } from '../../support/processes';
import { appLines, invokePython, pythonConfig, pythonFixture, siteLine, startPythonEngine, testInterpreters } from './pythonHarness';

const dir = pythonFixture('basic');
const file = path.join(dir, 'app.py');
const site = (marker: string): CallSite => ({ file, line: siteLine(file, marker), column: 1 });
const TS = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d';

for (const python of testInterpreters()) {
  describe(`Python runtime on ${python}: logs`, () => {
    let engine: Emulator;
    const events: { stream: string; event: LogEvent }[] = [];
    const define = (name: string, handler: string, extra = {}) => engine.defineFunction(pythonConfig(name, dir, { handler, ...extra }));
    const json = (level: string) => ({ logFormat: 'JSON' as const, logGroup: `/aws/lambda/json-${level}`, applicationLogLevel: level as 'INFO' });

    before(async () => {
      engine = await startPythonEngine(python);
      engine.logs.onDidAppend((_group, stream, event) => events.push({ stream, event }));
    });
    after(async () => {
      await engine.dispose();
      await assertNoOrphans();
    });

    it('writes print output raw, logging records in Lambda text format, each record one event', async () => {
      define('prints', 'app.prints');
      const { lines, response } = await invokePython(engine, 'prints');
      const id = response.requestId;
      const app = appLines(lines);
      assert.deepEqual(app.slice(0, 6), ['hello from print\n', 'two\n', 'lines\n', 'to stderr\n', 'partial line\n', 'via context.log\n']);
      assert.match(app[6] as string, new RegExp(`^\\[WARNING\\]\\t${TS}\\.\\d{3}Z\\t${id}\\twarned 1\\n$`));
      assert.match(app[7] as string, new RegExp(`^\\[ERROR\\]\\t${TS}\\.\\d{3}Z\\t${id}\\tfirst\\nsecond\\n$`));
      assert.equal(app[8], 'unterminated\n', 'a partial line is emitted before the invocation ends');
      assert.equal(app.length, 9, 'logging.info stays below the root logger level (WARNING) in Text mode');
      const init = lines.slice(1, lines.findIndex((l) => l.startsWith('START')));
      assert.equal(init.length, 1);
      assert.match(init[0] as string, new RegExp(`^\\[WARNING\\]\\t${TS}\\.\\d{3}Z\\t\\tloaded during init\\n$`), 'no request id during init');
    });

    it('records the call site of print, stderr, context.log, logging and uncaught errors', async () => {
      define('sites', 'app.prints');
      define('sites-raise', 'app.raises');
      const { response } = await invokePython(engine, 'sites');
      const stream = response.outcome?.logStreamName;
      const siteOf = (pattern: RegExp) => events.find((e) => e.stream === stream && pattern.test(e.event.message))?.event.callSite;
      assert.deepEqual(siteOf(/^hello from print\n$/), site('print'));
      assert.deepEqual(siteOf(/^to stderr\n$/), site('stderr'));
      assert.deepEqual(siteOf(/^via context\.log\n$/), site('context-log'));
      assert.deepEqual(siteOf(/\twarned 1\n$/), site('warning'));
      assert.deepEqual(siteOf(/\tloaded during init\n$/), site('init-warning'));
      assert.equal(events.find((e) => e.stream === stream && e.event.message.startsWith('START'))?.event.callSite, undefined);
      const raised = await invokePython(engine, 'sites-raise');
      const error = events.find((e) => e.stream === raised.response.outcome?.logStreamName && e.event.message.startsWith('[ERROR] CustomError'));
      assert.deepEqual(error?.event.callSite, site('raise'));
      assert.equal(error?.event.requestId, raised.response.requestId);
    });

    it('raises a record that cannot be formatted in the handler, as the PRIC handler does', async () => {
      define('bad-log', 'app.bad_log_arguments');
      const { body } = await invokePython(engine, 'bad-log');
      assert.equal(body.errorType, 'TypeError');
      assert.equal(body.errorMessage, '%d format: a real number is required, not str');
    });

    it('writes JSON records with exception details and extra fields at the configured level', async () => {
      define('json-info', 'app.log_exception', { logging: json('INFO') });
      const { lines, response } = await invokePython(engine, 'json-info');
      const id = response.requestId;
      const app = appLines(lines);
      assert.equal(app.length, 3, app.join(''));
      const caught = JSON.parse(app[0] as string);
      assert.deepEqual(Object.keys(caught), ['timestamp', 'level', 'message', 'logger', 'stackTrace', 'errorType', 'errorMessage', 'requestId', 'location', 'orderId']);
      assert.match(caught.timestamp, new RegExp(`^${TS}Z$`));
      assert.equal(caught.level, 'ERROR');
      assert.equal(caught.message, 'caught it');
      assert.equal(caught.logger, 'app');
      assert.equal(caught.errorType, 'ValueError');
      assert.equal(caught.errorMessage, 'bad value');
      assert.equal(caught.requestId, id);
      assert.equal(caught.location, `${file}:log_exception:${siteLine(file, 'exception')}`);
      assert.equal(caught.orderId, 42);
      assert.match(caught.stackTrace[0], /^ {2}File ".*app\.py", line \d+, in log_exception\n {4}raise ValueError\("bad value"\)\n$/);
      assert.match(app[1] as string, new RegExp(`^\\{"timestamp": "${TS}Z", "level": "INFO", "message": "plain info", "logger": "app", "requestId": "${id}"\\}\\n$`));
      assert.equal(app[2], 'raw print in json mode\n');
      const init = lines.find((l) => l.includes('loaded during init'));
      assert.match(init as string, new RegExp(`^\\{"timestamp": "${TS}Z", "level": "WARNING", "message": "loaded during init", "logger": "root", "requestId": ""\\}\\n$`));
    });

    it('maps TRACE to DEBUG and writes uncaught errors as JSON', async () => {
      define('json-trace', 'app.log_exception', { logging: json('TRACE') });
      const traced = appLines((await invokePython(engine, 'json-trace')).lines);
      assert.ok(traced.some((l) => JSON.parse(l).message === 'hidden debug' && JSON.parse(l).level === 'DEBUG'), traced.join(''));
      define('json-raises', 'app.raises', { logging: json('ERROR') });
      const { lines, response } = await invokePython(engine, 'json-raises');
      const [error, ...rest] = appLines(lines);
      assert.equal(rest.length, 0);
      const parsed = JSON.parse(error as string);
      assert.deepEqual(Object.keys(parsed), ['timestamp', 'log_level', 'errorMessage', 'errorType', 'requestId', 'stackTrace']);
      assert.match(parsed.timestamp, new RegExp(`^${TS}Z$`));
      assert.deepEqual([parsed.log_level, parsed.errorMessage, parsed.errorType, parsed.requestId], ['ERROR', 'some error occurred', 'CustomError', response.requestId]);
      assert.deepEqual(parsed.stackTrace, JSON.parse(response.payload.toString('utf8')).stackTrace);
    });
  });
}
