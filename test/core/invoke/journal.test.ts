// The append-only journal: durable, written and lazy appends replay in order, a torn last line is
// dropped, compaction keeps later appends, and a closed journal refuses new records.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Journal } from '../../../src/core/invoke/journal';

describe('journal', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-journal-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('replays every kind of append in order', async () => {
    const file = path.join(dir, 'a', 'j.jsonl');
    const { journal, records } = Journal.open<{ n: number }>(file);
    assert.deepEqual(records, []);
    journal.appendLazy({ n: 1 });
    const written = journal.appendWritten({ n: 2 });
    const durable = journal.append({ n: 3 });
    await Promise.all([written, durable]);
    journal.appendLazy({ n: 4 });
    await journal.close();
    assert.deepEqual(Journal.open<{ n: number }>(file).records.map((r) => r.n), [1, 2, 3, 4]);
  });

  it('drops a torn last line and keeps appending after it', async () => {
    const file = path.join(dir, 'j.jsonl');
    fs.writeFileSync(file, '{"n":1}\n{"n":2}\n{"n":');
    const { journal, records } = Journal.open<{ n: number }>(file);
    assert.deepEqual(records, [{ n: 1 }, { n: 2 }]);
    await journal.append({ n: 3 });
    await journal.close();
    assert.deepEqual(Journal.open<{ n: number }>(file).records, [{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('compacts to a snapshot taken when the rewrite runs, with later appends after it', async () => {
    const file = path.join(dir, 'j.jsonl');
    const { journal } = Journal.open<{ n: number }>(file);
    for (let i = 0; i < 10; i++) journal.appendLazy({ n: i });
    await journal.flushed();
    let state = 99;
    journal.rewrite(() => [{ n: state }]);
    state = 100;
    await journal.append({ n: 101 });
    assert.equal(journal.size, 2);
    await journal.close();
    assert.deepEqual(Journal.open<{ n: number }>(file).records, [{ n: 100 }, { n: 101 }]);
    assert.equal(fs.existsSync(`${file}.compact`), false);
  });

  it('refuses appends once closed', async () => {
    const { journal } = Journal.open<{ n: number }>(path.join(dir, 'j.jsonl'));
    await journal.close();
    await assert.rejects(journal.append({ n: 1 }), /is closed/);
  });
});
