// Seeded fuzzing of the template analyzer (FUZZ_SEED, FUZZ_TEMPLATES): mutated and hostile SAM templates
// (broken YAML, alias bombs, deep nesting, cycles, traversal in CodeUri and Layers) give problems with a
// place and a message, never an exception, a hang, or a file written anywhere.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createSandbox, findEscapes } from './sandbox';

const root = path.join(__dirname, '..', '..', '..');
const bases = [path.join(root, 'examples', 'template.yaml'), path.join(root, 'test', 'fixtures', 'project', 'basic', 'template.yaml'), path.join(root, 'test', 'fixtures', 'project', 'esbuild', 'template.yaml')];

describe('template fuzzer', () => {
  it('analyzes hostile templates into located problems without throwing, hanging or writing', async function () {
    this.timeout(180_000);
    const seed = Number(process.env.FUZZ_SEED ?? 8);
    const count = Number(process.env.FUZZ_TEMPLATES ?? 1500);
    const sandbox = createSandbox();
    // The analyzer resolves CodeUri next to the template: give it the fixtures' code to find.
    fs.cpSync(path.join(root, 'test', 'fixtures', 'project', 'basic'), sandbox.workspace, { recursive: true });
    const before = sandbox.snapshot();
    const escapes = findEscapes([sandbox.root]);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'templateFuzzWorker.ts'), String(seed), String(count), sandbox.workspace, ...bases], { stdio: ['ignore', 'pipe', 'pipe'] });
    const findings: string[] = [];
    let last = -1;
    let stderr = '';
    let pending = '';
    let stalled = false;
    const watchdog = setInterval(() => {
      if (Date.now() - lastProgress > 15_000) {
        stalled = true;
        child.kill('SIGKILL');
      }
    }, 1000);
    let lastProgress = Date.now();
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      pending += c.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        lastProgress = Date.now();
        const m = /^(ok|bad) (\d+) ?(.*)$/.exec(line);
        if (!m) continue;
        last = Number(m[2]);
        if (m[1] === 'bad' && findings.length < 20) findings.push(`case ${m[2]}: ${m[3]}`);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearInterval(watchdog);
    try {
      assert.ok(!stalled, `seed ${seed}: the analyzer hung on case ${last + 1} (no answer for 15 s)`);
      assert.equal(code, 0, `seed ${seed}: the worker died after case ${last}: ${stderr.slice(-800)}`);
      assert.equal(last, count - 1, 'every case was analyzed');
      assert.deepEqual(findings, [], `seed ${seed}`);
      const after = sandbox.snapshot();
      assert.deepEqual([...after].filter(([k, v]) => before.get(k) !== v), [], 'files outside the workspace changed');
      assert.deepEqual(findEscapes([sandbox.root]).filter((p) => !escapes.includes(p)), [], 'something was written through a traversal');
    } finally {
      sandbox.remove();
    }
  });
});
