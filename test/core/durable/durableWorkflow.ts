// The durable workflow the durable tests and bench run: the real @aws/durable-execution-sdk-js from the
// repo's node_modules, with steps, a retried step, a day-long wait, a callback, parallel and a child context.
import * as path from 'node:path';

/** Absolute path of the SDK, so a handler in a temporary directory loads the pinned version. */
export const SDK_PATH = require.resolve('@aws/durable-execution-sdk-js');

/** index.js of a durable function; `marks` is a directory where it leaves the callback id and attempts. */
export function workflowSource(marks: string): string {
  return `
const fs = require('node:fs');
const { withDurableExecution } = require(${JSON.stringify(SDK_PATH)});
const marks = ${JSON.stringify(marks)};
exports.handler = withDurableExecution(async (event, ctx) => {
  const first = await ctx.step('first', async () => event.x + 1);
  const flaky = await ctx.step('flaky', async () => {
    const f = marks + '/attempts';
    const n = (fs.existsSync(f) ? Number(fs.readFileSync(f, 'utf8')) : 0) + 1;
    fs.writeFileSync(f, String(n));
    if (n < 2) throw new Error('flaky attempt ' + n);
    return n;
  }, { retryStrategy: (error, attempt) => ({ shouldRetry: attempt < 3, delay: { seconds: 1 } }) });
  await ctx.wait('nap', { days: 1 });
  const approval = await ctx.waitForCallback('approval', async (callbackId) => {
    fs.writeFileSync(marks + '/callback', callbackId);
  }, { timeout: { hours: 1 } });
  const par = await ctx.parallel('fan-out', [async (c) => c.step('p1', async () => 1), async (c) => c.step('p2', async () => 2)]);
  const child = await ctx.runInChildContext('child', async (c) => c.step('inner', async () => 'in'));
  return { first, flaky, approval: JSON.parse(approval), par: par.getResults(), child };
});
`;
}

/** A durable handler with N steps and nothing else (bench). */
export function stepsSource(steps: number): string {
  return `
const { withDurableExecution } = require(${JSON.stringify(SDK_PATH)});
exports.handler = withDurableExecution(async (event, ctx) => {
  let sum = 0;
  for (let i = 0; i < ${steps}; i++) sum += await ctx.step('s' + i, async () => i);
  return sum;
});
`;
}

export const markFile = (marks: string, name: string): string => path.join(marks, name);
