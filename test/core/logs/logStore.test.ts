import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileFilterPattern } from '../../../src/core/logs/filterPattern/filterPattern';
import { filterEvents } from '../../../src/core/logs/filterEvents';
import { readBackward, readForward } from '../../../src/core/logs/logReader';
import { LogStore } from '../../../src/core/logs/logStore';
import { BLOCK_BYTES } from '../../../src/core/logs/streamFile';

const G = '/aws/lambda/fn';
const S = '2024/01/01/[$LATEST]0123456789abcdef0123456789abcdef';
const page = { limit: 10_000, maxBytes: 64 * 1024 * 1024 };

describe('logs/logStore', () => {
  let root: string;
  const stores: LogStore[] = [];
  const open = (warnings: string[] = [], now?: () => number): LogStore => {
    const s = new LogStore(root, { onWarning: (m) => warnings.push(m), ...(now ? { now } : {}) });
    stores.push(s);
    return s;
  };
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-store-'));
  });
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('appends without blocking, tells listeners at once, and reloads the same events from disk', async () => {
    const store = open();
    const seen: string[] = [];
    store.onDidAppend((_g, _s, e) => seen.push(e.message));
    for (let i = 0; i < 5000; i++) store.append(G, S, { timestamp: 1_000_000 + i, message: `line ${i} ${'x'.repeat(i % 50)}\n` });
    assert.strictEqual(seen.length, 5000, 'listeners run synchronously');
    const stream = store.getGroup(G)!.streams.get(S)!;
    assert.ok(stream.blocks.length >= 3, 'sealed blocks are indexed');
    await store.whenFlushed();
    await store.dispose();
    const idx = fs.readFileSync(store.streamFile(G, S).replace(/\.log$/, '.idx'), 'utf8').trim().split('\n');
    assert.strictEqual(idx.length - 1, stream.blocks.length, 'one index line per sealed block');

    const again = open();
    const s2 = again.getGroup(G)!.streams.get(S)!;
    assert.strictEqual(s2.eventCount, 5000);
    assert.strictEqual(s2.firstEventTimestamp, 1_000_000);
    assert.strictEqual(s2.lastEventTimestamp, 1_004_999);
    const all = await readForward(s2, 0, page);
    assert.strictEqual(all.length, 5000);
    assert.strictEqual(all[4999]!.message, `line 4999 ${'x'.repeat(4999 % 50)}\n`);
  });

  it('answers time ranges from the index: only blocks that overlap are read', async () => {
    const store = open();
    for (let i = 0; i < 20_000; i++) store.append(G, S, { timestamp: i * 10, message: `event ${i}\n` });
    await store.whenFlushed();
    const s = store.getGroup(G)!.streams.get(S)!;
    const blocks = s.blocksIn(100_000, 100_500);
    assert.ok(blocks.length >= 1 && blocks.length <= 2, `${blocks.length} block(s) of ${s.blocks.length} overlap`);
    assert.ok(blocks.every((b) => b.bytes <= BLOCK_BYTES * 2));
    const events = await readForward(s, 0, { ...page, startTime: 100_000, endTime: 100_500 });
    assert.deepStrictEqual(events.map((e) => e.timestamp), Array.from({ length: 50 }, (_, k) => 100_000 + k * 10));
    const tail = await readBackward(s, s.size, { ...page, limit: 3 });
    assert.deepStrictEqual(tail.map((e) => e.message), ['event 19997\n', 'event 19998\n', 'event 19999\n']);
  });

  it('filters across streams merged by timestamp and resumes from its cursor without gaps or repeats', async () => {
    const store = open();
    for (let i = 0; i < 3000; i++) store.append(G, i % 3 === 0 ? 'a' : i % 3 === 1 ? 'b' : 'c', { timestamp: 5000 + i, message: i % 7 === 0 ? `ERROR number ${i}\n` : `fine ${i}\n` });
    await store.whenFlushed();
    const streams = [...store.getGroup(G)!.streams.values()];
    const filter = compileFilterPattern('ERROR');
    const got: number[] = [];
    let cursor;
    let pages = 0;
    do {
      const p = await filterEvents({ streams, filter, limit: 40, maxBytes: 1 << 20, ...(cursor ? { cursor } : {}) });
      got.push(...p.matches.map((m) => m.event.timestamp));
      cursor = p.cursor;
      pages++;
    } while (cursor);
    const expected = Array.from({ length: 3000 }, (_, i) => i).filter((i) => i % 7 === 0).map((i) => 5000 + i);
    assert.deepStrictEqual(got, expected);
    assert.ok(pages > 5);
  });

  it('skips a torn last line left by a killed writer, keeps everything before it, and appends cleanly after', async () => {
    const store = open();
    for (let i = 0; i < 10; i++) store.append(G, S, { timestamp: 100 + i, message: `ok ${i}\n` });
    await store.dispose();
    const file = store.streamFile(G, S);
    fs.appendFileSync(file, '[110,111,"half a li');
    const warnings: string[] = [];
    const again = open(warnings);
    assert.ok(warnings.some((w) => /torn last line/.test(w)), warnings.join('\n'));
    const s = again.getGroup(G)!.streams.get(S)!;
    assert.strictEqual(s.eventCount, 10);
    again.append(G, S, { timestamp: 200, message: 'after restart\n' });
    const events = await readForward(s, 0, page);
    assert.deepStrictEqual(events.map((e) => e.message).slice(-2), ['ok 9\n', 'after restart\n']);
    assert.ok(fs.readFileSync(file, 'utf8').endsWith('"after restart\\n"]\n'));
  });

  it('rebuilds a damaged or missing index and ignores a damaged middle line', async () => {
    const store = open();
    for (let i = 0; i < 4000; i++) store.append(G, S, { timestamp: i, message: `e${i} ${'y'.repeat(40)}\n` });
    await store.dispose();
    const file = store.streamFile(G, S);
    fs.writeFileSync(file.replace(/\.log$/, '.idx'), '{"created":1}\n[0,12');
    const text = fs.readFileSync(file, 'utf8').split('\n');
    text[5] = 'garbage';
    fs.writeFileSync(file, text.join('\n'));
    const warnings: string[] = [];
    const again = open(warnings);
    const s = again.getGroup(G)!.streams.get(S)!;
    assert.ok(s.blocks.length > 0, 'index rebuilt');
    assert.ok(warnings.some((w) => /damaged line/.test(w)));
    const events = await readForward(s, 0, page);
    assert.strictEqual(events.length, 3999);
    assert.ok(!events.some((e) => e.message.startsWith('e5 ')));
  });

  it('keeps one descriptor open per active stream instead of reopening per flush', async () => {
    const store = open();
    for (let round = 0; round < 5; round++) {
      store.append(G, S, { timestamp: round, message: `r${round}\n` });
      await store.whenFlushed();
    }
    const file = store.streamFile(G, S);
    const fds = fs.readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
      } catch {
        return false;
      }
    });
    assert.strictEqual(fds.length, 1);
  });

  it('applies retention: expired streams are deleted and remembered across restarts', async () => {
    const now = Date.now();
    const store = open([], () => now);
    store.append(G, 'old', { timestamp: now - 3 * 86_400_000, message: 'old\n' });
    store.append(G, 'new', { timestamp: now - 1000, message: 'new\n' });
    await store.whenFlushed();
    store.setRetention(G, 1);
    assert.deepStrictEqual([...store.getGroup(G)!.streams.keys()], ['new']);
    assert.ok(store.retentionCutoff(store.getGroup(G)!)! > now - 86_400_001);
    await store.dispose();
    assert.strictEqual(open().getGroup(G)!.retentionInDays, 1);
  });

  it('deletes streams and groups from memory and disk', async () => {
    const store = open();
    store.append(G, 'a', { timestamp: 1, message: 'x\n' });
    store.append(G, 'b', { timestamp: 1, message: 'x\n' });
    store.append('/other', 'c', { timestamp: 1, message: 'x\n' });
    await store.whenFlushed();
    assert.ok(store.deleteStream(G, 'a'));
    assert.ok(!fs.existsSync(store.streamFile(G, 'a')));
    assert.ok(!store.deleteStream(G, 'a'));
    assert.ok(store.deleteGroup('/other'));
    assert.ok(!store.deleteGroup('/other'));
    await store.dispose();
    const again = open();
    assert.deepStrictEqual(again.listGroups().map((g) => g.name), [G]);
    assert.deepStrictEqual([...again.getGroup(G)!.streams.keys()], ['b']);
  });
});
