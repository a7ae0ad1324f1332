import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InvocationArchive } from '../../src/core/logs/invocationArchive';
import { LogStore } from '../../src/core/logs/logStore';
import { SourceMapper } from '../../src/core/logs/sourceMapper';
import { decorationText, displayText, InlineLogModel } from '../../src/vscode/inlineLogs/inlineLogModel';
import { parseToHost, type PanelEvent, type ToWebview } from '../../src/vscode/logPanel/logPanelProtocol';
import { LogPanelSession, PAGE_EVENTS, type PanelActions } from '../../src/vscode/logPanel/logPanelSession';
import { buildRows, levelOf, renderRow, visibleWindow } from '../../src/vscode/logPanel/logRendering';
import { LocalLogSource } from '../../src/vscode/logPanel/logSource';

const rid = '6bc28136-8b4f-4f3e-9a86-2c3b0e9d1e11';
const lines = [
  'INIT_START Runtime Version: nodejs:20.v1\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:abc\n',
  `START RequestId: ${rid} Version: $LATEST\n`,
  `2024-01-01T00:00:00.000Z\t${rid}\tINFO\thello <b>\n`,
  `2024-01-01T00:00:00.001Z\t${rid}\tERROR\tInvoke Error \t{"stack":["Error: x","    at handler (/work/app/index.js:3:9)"]}\n`,
  `END RequestId: ${rid}\n`,
  `REPORT RequestId: ${rid}\tDuration: 3.01 ms\tBilled Duration: 4 ms\tMemory Size: 128 MB\tMax Memory Used: 36 MB\tInit Duration: 110.10 ms\t\n`,
];
const events: PanelEvent[] = lines.map((message, i) => ({ id: String(i), stream: 's', timestamp: 1_700_000_000_000 + i, message }));

describe('vscode/logPanel (protocol and rendering, in Node)', () => {
  it('folds an invocation from START to REPORT with duration, memory, cold start and error status', () => {
    const rows = buildRows(events);
    assert.strictEqual(rows[0]?.kind, 'event');
    const fold = rows[1];
    assert.ok(fold?.kind === 'fold');
    assert.deepStrictEqual([fold.first, fold.last], [1, 5]);
    assert.strictEqual(fold.summary.status, 'error');
    assert.strictEqual(fold.summary.durationMs, 3.01);
    assert.strictEqual(fold.summary.maxMemoryUsedMb, 36);
    assert.strictEqual(fold.summary.initDurationMs, 110.1);
    const html = renderRow(fold, events, new Set());
    assert.match(html, new RegExp(`data-request="${rid}"`));
    assert.match(html, /error · 3\.01 ms · 36\/128 MB · cold start 110\.10 ms/);
    assert.strictEqual(buildRows(events, new Set([rid])).length, 2, 'a collapsed fold hides its lines');
  });

  it('colours levels, escapes HTML and links stack frames', () => {
    assert.deepStrictEqual(lines.map(levelOf), ['PLATFORM', 'PLATFORM', 'INFO', 'ERROR', 'PLATFORM', 'PLATFORM']);
    assert.strictEqual(levelOf('[WARNING]\t2024-01-01T00:00:00.000Z\tid\tcareful\n'), 'WARN');
    assert.strictEqual(levelOf('{"timestamp":"x","level":"DEBUG","message":"m"}\n'), 'DEBUG');
    const rows = buildRows(events);
    const info = renderRow(rows[3]!, events, new Set());
    assert.match(info, /hello &#60;b&#62;/);
    assert.match(info, /level-info/);
    const err = renderRow(rows[4]!, events, new Set());
    assert.match(err, /<a class="source" data-file="\/work\/app\/index\.js" data-line="3" data-column="9">/);
  });

  it('folds LogFormat JSON invocations and shows JSON records as columns with the raw record as tooltip', () => {
    const json = [
      '{"time":"2024-01-01T00:00:00.000Z","type":"platform.initStart","record":{"initializationType":"on-demand","phase":"init"}}\n',
      `{"time":"2024-01-01T00:00:00.001Z","type":"platform.start","record":{"requestId":"${rid}","version":"$LATEST","tenantId":"blue"}}\n`,
      `{"timestamp":"2024-01-01T00:00:00.002Z","level":"WARN","requestId":"${rid}","tenantId":"blue","message":"low <stock>"}\n`,
      `{"time":"2024-01-01T00:00:00.003Z","type":"platform.report","record":{"requestId":"${rid}","metrics":{"durationMs":2.5,"billedDurationMs":3,"memorySizeMB":128,"maxMemoryUsedMB":40,"initDurationMs":99.1},"status":"error","errorType":"Runtime.ExitError"}}\n`,
    ];
    const jsonEvents: PanelEvent[] = json.map((message, i) => ({ id: String(i), stream: 's', timestamp: 1_700_000_000_000 + i, message }));
    assert.deepStrictEqual(json.map(levelOf), ['PLATFORM', 'PLATFORM', 'WARN', 'PLATFORM']);
    const rows = buildRows(jsonEvents);
    const fold = rows[1];
    assert.ok(fold?.kind === 'fold');
    assert.deepStrictEqual([fold.first, fold.last], [1, 3]);
    assert.deepStrictEqual([fold.summary.status, fold.summary.durationMs, fold.summary.maxMemoryUsedMb, fold.summary.initDurationMs], ['error', 2.5, 40, 99.1]);
    const app = renderRow(rows[3]!, jsonEvents, new Set());
    assert.match(app, /<span class="col-level">WARN<\/span><span class="msg">low &#60;stock&#62;<\/span><span class="col-request">[0-9a-f-]+<\/span><span class="col-tenant">tenant blue<\/span>/);
    assert.match(app, /title="\{&#34;timestamp&#34;/);
    assert.match(app, /level-warn/);
    const errorsOnly = buildRows(jsonEvents, new Set(), 'ERROR');
    assert.deepStrictEqual(errorsOnly.filter((r) => r.kind === 'event').map((r) => (r.kind === 'event' ? r.index : -1)), [0, 1, 3], 'the WARN record is hidden, platform records stay');
    assert.strictEqual(buildRows(jsonEvents, new Set(), 'WARN').length, rows.length);
  });

  it('renders only the rows in view (virtualized) for 100,000 events', () => {
    const many: PanelEvent[] = Array.from({ length: 100_000 }, (_, i) => ({ id: String(i), stream: 's', timestamp: i, message: `line ${i}\n` }));
    const rows = buildRows(many);
    assert.strictEqual(rows.length, 100_000);
    const w = visibleWindow(50_000 * 20, 600, 20, rows.length);
    assert.ok(w.end - w.start <= 30 + 40, `${w.end - w.start} rows rendered`);
    assert.strictEqual(w.offsetTop, w.start * 20);
    assert.match(renderRow(rows[w.start]!, many, new Set()), new RegExp(`line ${w.start}`));
  });

  it('accepts only well-formed webview messages', () => {
    assert.deepStrictEqual(parseToHost({ type: 'query', group: '/g', pattern: 'ERROR' }), { type: 'query', group: '/g', pattern: 'ERROR' });
    assert.strictEqual(parseToHost({ type: 'query', group: 5, pattern: '' }), undefined);
    assert.strictEqual(parseToHost({ type: 'openInvocation', requestId: '../../etc' }), undefined);
    assert.strictEqual(parseToHost({ type: 'nope' }), undefined);
    assert.strictEqual(parseToHost(null), undefined);
  });

  describe('session over a real store', () => {
    let dir: string;
    let store: LogStore;
    let archive: InvocationArchive;
    let posted: ToWebview[];
    let calls: string[];
    let session: LogPanelSession;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-panel-'));
      store = new LogStore(path.join(dir, 'logs'));
      archive = new InvocationArchive(path.join(dir, 'inv'));
      posted = [];
      calls = [];
      const actions: PanelActions = {
        openInvocation: (inv) => void calls.push(`invocation ${inv.requestId} ${inv.payload}`),
        openSource: (f, l, c) => void calls.push(`source ${f}:${l}:${c}`),
        copy: (t) => void calls.push(`copy ${t}`),
        openAsDocument: (title, text) => void calls.push(`doc ${title} ${text.split('\n').length - 1}`),
        showError: (m) => void calls.push(`error ${m}`),
      };
      session = new LogPanelSession(new LocalLogSource(store, archive), (m) => posted.push(m), actions);
    });
    afterEach(async () => {
      session.dispose();
      await store.dispose();
      await archive.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('lists groups, streams newest first, pages events incrementally and filters with the API syntax', async () => {
      for (let i = 0; i < PAGE_EVENTS + 500; i++) store.append('/aws/lambda/a', i < 10 ? 'old' : 'new', { timestamp: 1000 + i, message: i % 2 ? `ERROR ${i}\n` : `ok ${i}\n` });
      await session.receive({ type: 'ready' });
      assert.deepStrictEqual(posted.pop(), { type: 'groups', groups: [{ name: '/aws/lambda/a', storedBytes: store.storedBytes(store.getGroup('/aws/lambda/a')!), lastEventTimestamp: 1000 + PAGE_EVENTS + 499 }] });
      await session.receive({ type: 'selectGroup', group: '/aws/lambda/a' });
      const streams = posted.pop() as Extract<ToWebview, { type: 'streams' }>;
      assert.deepStrictEqual(streams.streams.map((s) => s.name), ['new', 'old']);
      await session.receive({ type: 'query', group: '/aws/lambda/a', pattern: '' });
      const first = posted.pop() as Extract<ToWebview, { type: 'events' }>;
      assert.strictEqual(first.events.length, PAGE_EVENTS);
      assert.ok(first.more && first.reset);
      await session.receive({ type: 'loadMore', queryId: first.queryId });
      const second = posted.pop() as Extract<ToWebview, { type: 'events' }>;
      assert.strictEqual(second.events.length, 500);
      assert.ok(!second.more && !second.reset);
      await session.receive({ type: 'query', group: '/aws/lambda/a', pattern: 'ERROR -"ERROR 1"' });
      const filtered = posted.pop() as Extract<ToWebview, { type: 'events' }>;
      assert.ok(filtered.events.every((e) => e.message.startsWith('ERROR ') && !e.message.startsWith('ERROR 1')));
      await session.receive({ type: 'query', group: '/aws/lambda/a', pattern: '{ $.a = ' });
      assert.strictEqual(posted.pop()?.type, 'error');
    });

    it('live tail delivers appended lines that match the current query', async () => {
      store.append('/g', 's', { timestamp: 1, message: 'first\n' });
      await session.receive({ type: 'query', group: '/g', pattern: 'hit' });
      await session.receive({ type: 'liveTail', on: true });
      const got = new Promise<ToWebview>((resolve) => {
        const push = posted.push.bind(posted);
        posted.push = (...m: ToWebview[]) => {
          if (m[0]?.type === 'live') resolve(m[0]);
          return push(...m);
        };
      });
      store.append('/g', 's', { timestamp: 2, message: 'miss\n' });
      store.append('/g', 's', { timestamp: 3, message: 'a hit\n' });
      const live = (await got) as Extract<ToWebview, { type: 'live' }>;
      assert.deepStrictEqual(live.events.map((e) => e.message), ['a hit\n']);
    });

    it('opens an invocation by request id, a source position, a copy and the stream as a document', async () => {
      archive.add({ requestId: rid, functionName: 'f', invokedArn: 'arn', invocationType: 'RequestResponse', executedVersion: '$LATEST', logGroup: '/g', logStreamName: 's', startedAt: Date.now(), durationMs: 1, billedDurationMs: 1, maxMemoryUsedMb: 30, coldStart: false, payload: '{"in":1}', response: '"out"' });
      store.append('/g', 's', { timestamp: 1, message: 'one\n' });
      store.append('/g', 's', { timestamp: 2, message: 'two\n' });
      await session.receive({ type: 'openInvocation', requestId: rid });
      await session.receive({ type: 'openInvocation', requestId: 'missing-id' });
      await session.receive({ type: 'openSource', file: '/x.js', line: 3, column: 4 });
      await session.receive({ type: 'copy', text: 'abc' });
      await session.receive({ type: 'openAsDocument', group: '/g', stream: 's' });
      assert.deepStrictEqual(calls.slice(0, 1), [`invocation ${rid} {"in":1}`]);
      assert.match(calls[1]!, /^error No recorded event or response for request missing-id/);
      assert.deepStrictEqual(calls.slice(2), ['source /x.js:3:4', 'copy abc', 'doc /g s 2']);
    });
  });
});

describe('vscode/inlineLogs model', () => {
  it('shows each line at its call site, maps bundles through source maps, and the next invocation replaces the lines', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-inline-'));
    try {
      const src = path.join(dir, 'src', 'app.ts');
      fs.mkdirSync(path.dirname(src), { recursive: true });
      fs.writeFileSync(src, 'export const h = () => {\n  console.log("a");\n};\n');
      const bundle = path.join(dir, 'out', 'app.js');
      fs.mkdirSync(path.dirname(bundle), { recursive: true });
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose, only when this code path runs
      const esbuild = require('esbuild') as typeof import('esbuild');
      esbuild.buildSync({ entryPoints: [src], bundle: true, platform: 'node', outfile: bundle, sourcemap: true, logLevel: 'silent' });
      const code = fs.readFileSync(bundle, 'utf8').split('\n');
      const line = code.findIndex((l) => l.includes('console.log("a")')) + 1;
      const column = (code[line - 1] as string).indexOf('console') + 1;
      const model = new InlineLogModel(new SourceMapper());
      model.onAppend({ timestamp: 1, message: `2024-01-01T00:00:00.000Z\t${rid}\tINFO\ta\n`, requestId: rid, callSite: { file: bundle, line, column } });
      model.onAppend({ timestamp: 2, message: `2024-01-01T00:00:00.000Z\t${rid}\tINFO\tagain\n`, requestId: rid, callSite: { file: bundle, line, column } });
      model.onAppend({ timestamp: 3, message: `START RequestId: ${rid} Version: $LATEST\n`, requestId: rid });
      assert.deepStrictEqual(model.complete('fn', rid), [src]);
      assert.deepStrictEqual(model.linesFor(src), [{ line: 2, texts: ['a', 'again'] }]);
      assert.strictEqual(decorationText(['a', 'again']), 'again (×2)');
      const rid2 = rid.replace('6', '7');
      model.onAppend({ timestamp: 4, message: '[INFO]\t2024-01-01T00:00:00.000Z\tid\tfrom python\n', requestId: rid2, callSite: { file: '/srv/app.py', line: 9, column: 1 } });
      assert.deepStrictEqual(model.complete('fn', rid2).sort(), [src, '/srv/app.py'].sort());
      assert.deepStrictEqual(model.linesFor(src), []);
      assert.deepStrictEqual(model.linesFor('/srv/app.py'), [{ line: 9, texts: ['from python'] }]);
      assert.strictEqual(displayText('plain print output\n'), 'plain print output');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
