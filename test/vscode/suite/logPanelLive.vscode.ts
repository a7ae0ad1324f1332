// The log panel a new user can read, in a real VS Code: a live group list (every function's group,
// newest first), Python print lines nested under their invocation, long lines that expand into pretty
// JSON with clickable stack frames, a toolbar that wraps in a narrow panel, grammatical counts, and the
// time to load and draw 10,000 lines (reported, not asserted).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { driverLog, evaluateInFrame, hasDriver, screenshot } from '../support/driver';
import { getApi } from '../support/extensionApi';

const PANEL = `!!document.getElementById('rows') && !!document.getElementById('filter')`;
const frameWait = (condition: string, timeoutMs = 20000): string => `new Promise((resolve) => {
  const has = () => { try { return !!(${condition}); } catch { return false; } };
  if (has()) return resolve(true);
  const obs = new MutationObserver(() => { if (has()) { obs.disconnect(); resolve(true); } });
  obs.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  setTimeout(() => { obs.disconnect(); resolve(has()); }, ${timeoutMs});
})`;
const inPanel = (condition: string, timeoutMs?: number): Promise<boolean> => evaluateInFrame<boolean>(PANEL, frameWait(condition, timeoutMs));
const groupOptions = `[...document.getElementById('group').options].map((o) => o.value)`;

describe('log panel: live groups, nesting, expansion, layout', function () {
  this.timeout(120_000);
  let api: Awaited<ReturnType<typeof getApi>>;

  before(async function () {
    if (!hasDriver) this.skip(); // the panel is a webview: only a browser can read it
    api = await getApi();
    await vscode.commands.executeCommand('lambdaWorkbench.invoke', { functionName: 'hello-node', event: { name: 'panel' } });
    await vscode.commands.executeCommand('lambdaWorkbench.logs.show', { logGroup: '/aws/lambda/hello-node' });
    assert.ok(await inPanel(`document.getElementById('group').value === '/aws/lambda/hello-node'`));
  });

  it('lists every function group, newest first, and adds groups as they get events', async () => {
    assert.ok(await inPanel(`['hello-node', 'hello-python', 'hello-shell', 'hello-ts'].every((f) => ${groupOptions}.includes('/aws/lambda/' + f))`), 'every function group, with or without events');
    await vscode.commands.executeCommand('lambdaWorkbench.invoke', { functionName: 'hello-python', event: { name: 'panel' } });
    assert.ok(await inPanel(`${groupOptions}[0] === '/aws/lambda/hello-python'`), 'the group with the newest event comes first');
    const engine = await api.host.getEngine();
    engine.logs.append('/aws/lambda/appeared-later', 'stream-1', { timestamp: Date.now() + 1000, message: 'one line\n' });
    assert.ok(await inPanel(`${groupOptions}[0] === '/aws/lambda/appeared-later' && document.getElementById('group').value === '/aws/lambda/hello-node'`), 'a new group appears on top; the selection stays');
  });

  it('nests Python print lines under their invocation and counts grammatically', async () => {
    await vscode.commands.executeCommand('lambdaWorkbench.logs.show', { logGroup: '/aws/lambda/hello-python' });
    assert.ok(await inPanel(`[...document.querySelectorAll('#rows .row')].some((r) => r.textContent.includes('hello from hello-python') && r.classList.contains('in-fold'))`), 'the print line is inside the fold');
    await vscode.commands.executeCommand('lambdaWorkbench.logs.show', { logGroup: '/aws/lambda/appeared-later' });
    assert.ok(await inPanel(`document.getElementById('status').textContent === '1 event'`), 'one event, not "1 events"');
  });

  it('expands an error line into pretty JSON with clickable stack frames', async () => {
    const engine = await api.host.getEngine();
    const rid = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
    const payload = { errorType: 'TypeError', errorMessage: 'x is undefined', trace: ['TypeError: x is undefined', '    at exports.handler (/var/task/index.js:12:5)', '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)'] };
    const t = Date.now();
    engine.logs.append('/aws/lambda/errors-demo', 's', { timestamp: t, message: `START RequestId: ${rid} Version: $LATEST\n` });
    engine.logs.append('/aws/lambda/errors-demo', 's', { timestamp: t + 1, message: `${new Date(t).toISOString()}\t${rid}\tERROR\tInvoke Error \t${JSON.stringify(payload)}${' '.repeat(400)}\n`.replace(/ +\n$/, '\n') });
    engine.logs.append('/aws/lambda/errors-demo', 's', { timestamp: t + 2, message: `END RequestId: ${rid}\n` });
    await vscode.commands.executeCommand('lambdaWorkbench.logs.show', { logGroup: '/aws/lambda/errors-demo' });
    assert.ok(await inPanel(`document.querySelector('#rows .row.expandable')`), 'the error line can expand');
    const expanded = await evaluateInFrame<boolean>(PANEL, `(() => {
      document.querySelector('#rows .row.expandable .expander').click();
      return ${frameWait(`[...document.querySelectorAll('#rows .row.detail')].some((r) => r.textContent.includes('"errorType": "TypeError"')) && [...document.querySelectorAll('#rows .row.detail a.source')].some((a) => a.dataset.file === '/var/task/index.js' && a.dataset.line === '12')`)};
    })()`);
    await screenshot('log-panel-expanded');
    assert.ok(expanded, 'pretty JSON, one stack frame a line, frames are links');
  });

  it('wraps its toolbar in a narrow panel instead of overflowing', async () => {
    const fits = await evaluateInFrame<boolean>(PANEL, `(() => {
      document.body.style.width = '560px';
      const bar = document.getElementById('toolbar').getBoundingClientRect();
      const ok = [...document.getElementById('toolbar').children].every((c) => { const r = c.getBoundingClientRect(); return r.width === 0 || (r.right <= bar.right + 0.5 && r.left >= bar.left - 0.5); })
        && document.getElementById('scroller').getBoundingClientRect().top >= bar.bottom - 0.5;
      document.body.style.width = '';
      return ok;
    })()`);
    assert.ok(fits, 'every toolbar control stays inside the panel at 560 px and the rows start below the toolbar');
  });

  it('loads and draws 10,000 lines (time reported)', async () => {
    const engine = await api.host.getEngine();
    const t = Date.now();
    for (let i = 0; i < 10_000; i++) engine.logs.append('/aws/lambda/ten-thousand', 's', { timestamp: t + i, message: `line ${i} ${'lorem ipsum '.repeat(8)}\n` });
    const started = Date.now();
    await vscode.commands.executeCommand('lambdaWorkbench.logs.show', { logGroup: '/aws/lambda/ten-thousand' });
    // Scrolling to the end loads the remaining pages, as a user scrolling down would.
    const loaded = await evaluateInFrame<boolean>(PANEL, `new Promise((resolve) => {
      const s = document.getElementById('scroller');
      const done = () => document.getElementById('group').value === '/aws/lambda/ten-thousand' && document.getElementById('status').dataset.count === '10000' && document.getElementById('rows').textContent.includes('line 9999');
      const until = Date.now() + 60000;
      // Once a frame (not on every DOM mutation: drawing is itself a mutation).
      const step = () => {
        if (done()) return resolve(true);
        if (Date.now() > until) return resolve(false);
        if (document.getElementById('group').value === '/aws/lambda/ten-thousand') { s.scrollTop = s.scrollHeight; s.dispatchEvent(new Event('scroll')); }
        requestAnimationFrame(step);
      };
      step();
    })`, 65000);
    const ms = Date.now() - started;
    await driverLog(`log panel: 10,000 lines loaded and drawn in ${ms} ms`);
    assert.ok(loaded, 'all 10,000 lines reach the panel');
  });
});
