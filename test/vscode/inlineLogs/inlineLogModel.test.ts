// The inline log model forgets a function's lines when its next run starts, so a line paused in the
// debugger never shows the text of the previous run (issue 13).
import * as assert from 'node:assert/strict';
import { SourceMapper } from '../../../src/core/logs/sourceMapper';
import { InlineLogModel } from '../../../src/vscode/inlineLogs/inlineLogModel';

describe('vscode/inlineLogs model', () => {
  it('drops the previous run of a function when the next one starts, keeps other functions', () => {
    const model = new InlineLogModel(new SourceMapper());
    const one = '11111111-1111-4111-8111-111111111111';
    const two = '22222222-2222-4222-8222-222222222222';
    model.onAppend({ timestamp: 1, message: `2024-01-01T00:00:00.000Z\t${one}\tINFO\tfirst run\n`, requestId: one, callSite: { file: '/srv/a.py', line: 3, column: 1 } });
    model.complete('fnA', one);
    model.onAppend({ timestamp: 2, message: `2024-01-01T00:00:00.000Z\t${two}\tINFO\tother\n`, requestId: two, callSite: { file: '/srv/b.py', line: 4, column: 1 } });
    model.complete('fnB', two);
    assert.deepEqual(model.linesFor('/srv/a.py'), [{ line: 3, texts: ['first run'] }]);
    assert.deepEqual(model.forget('fnA'), ['/srv/a.py']);
    assert.deepEqual(model.linesFor('/srv/a.py'), []);
    assert.deepEqual(model.linesFor('/srv/b.py'), [{ line: 4, texts: ['other'] }]);
    assert.deepEqual(model.forget('fnA'), []);
  });
});
