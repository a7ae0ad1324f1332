// SNS filter policies as Amazon SNS documents them: each operator on attributes and on the JSON body,
// AND across keys, OR within a key and through $or, and clear errors for invalid policies.
import * as assert from 'node:assert/strict';
import { compileFilterPolicy, type FilterableMessage } from '../../../../src/core/events/topics/filterPolicy';

const attrs = (a: Record<string, [string, string]>, message = 'm'): FilterableMessage => ({
  attributes: Object.fromEntries(Object.entries(a).map(([k, [Type, Value]]) => [k, { Type, Value }])),
  message,
});
const body = (b: unknown): FilterableMessage => ({ attributes: {}, message: JSON.stringify(b) });

describe('SNS filter policies', () => {
  it('matches attributes with exact strings, numbers, String.Array elements and AND across keys', () => {
    const p = compileFilterPolicy({ store: ['example_corp'], event: ['order_placed', 'order_cancelled'], price: [100] });
    assert.equal(p.matches(attrs({ store: ['String', 'example_corp'], event: ['String', 'order_placed'], price: ['Number', '100'] })), true);
    assert.equal(p.matches(attrs({ store: ['String', 'example_corp'], event: ['String', 'order_placed'], price: ['Number', '100.0'] })), true, 'numbers compare as numbers');
    assert.equal(p.matches(attrs({ store: ['String', 'example_corp'], event: ['String', 'order_shipped'], price: ['Number', '100'] })), false);
    assert.equal(p.matches(attrs({ store: ['String', 'example_corp'], event: ['String', 'order_placed'] })), false, 'a missing key fails');
    assert.equal(p.matches(attrs({ store: ['String', 'example_corp'], event: ['String', 'order_placed'], price: ['String', '100'] })), false, 'a number matches Number attributes only');
    const arr = compileFilterPolicy({ sport: ['rugby'] });
    assert.equal(arr.matches(attrs({ sport: ['String.Array', '["soccer","rugby"]'] })), true);
    assert.equal(arr.matches(attrs({ sport: ['String.Array', '["soccer"]'] })), false);
    assert.equal(arr.matches(attrs({ sport: ['Binary', 'cnVnYnk='] })), false, 'binary attributes are not matched');
  });

  it('supports prefix, suffix, equals-ignore-case, anything-but, numeric ranges, exists and cidr', () => {
    const cases: [unknown, [string, string] | undefined, boolean][] = [
      [{ prefix: 'bas' }, ['String', 'basketball'], true],
      [{ prefix: 'bas' }, ['String', 'rugby'], false],
      [{ suffix: 'ball' }, ['String', 'baseball'], true],
      [{ 'equals-ignore-case': 'RUGBY' }, ['String', 'Rugby'], true],
      [{ 'anything-but': ['rugby', 'tennis'] }, ['String', 'soccer'], true],
      [{ 'anything-but': ['rugby', 'tennis'] }, ['String', 'tennis'], false],
      [{ 'anything-but': ['rugby'] }, undefined, false],
      [{ 'anything-but': 100 }, ['Number', '101'], true],
      [{ 'anything-but': { prefix: 'order-' } }, ['String', 'order-1'], false],
      [{ 'anything-but': { prefix: 'order-' } }, ['String', 'invoice-1'], true],
      [{ numeric: ['>', 0, '<=', 150] }, ['Number', '150'], true],
      [{ numeric: ['>', 0, '<=', 150] }, ['Number', '0'], false],
      [{ numeric: ['=', 3.5] }, ['Number', '3.5'], true],
      [{ numeric: ['>=', 10] }, ['String', '20'], false],
      [{ exists: true }, ['String', 'x'], true],
      [{ exists: true }, undefined, false],
      [{ exists: false }, undefined, true],
      [{ exists: false }, ['String', 'x'], false],
      [{ cidr: '10.0.0.0/24' }, ['String', '10.0.0.255'], true],
      [{ cidr: '10.0.0.0/24' }, ['String', '10.0.1.0'], false],
    ];
    for (const [condition, attr, expected] of cases) {
      const p = compileFilterPolicy({ key: [condition] });
      assert.equal(p.matches(attrs(attr ? { key: attr } : {})), expected, `${JSON.stringify(condition)} on ${JSON.stringify(attr)}`);
    }
  });

  it('matches the JSON body with nested keys, arrays and $or under MessageBody scope', () => {
    const p = compileFilterPolicy(
      { patient: { vitals: { pulse: [{ numeric: ['>', 100] }] } }, $or: [{ ward: ['icu'] }, { priority: [{ exists: true }] }] },
      'MessageBody',
    );
    assert.equal(p.matches(body({ patient: { vitals: { pulse: 120 } }, ward: 'icu' })), true);
    assert.equal(p.matches(body({ patient: { vitals: { pulse: 120 } }, ward: 'er', priority: 1 })), true);
    assert.equal(p.matches(body({ patient: { vitals: { pulse: 120 } }, ward: 'er' })), false, 'no $or alternative matches');
    assert.equal(p.matches(body({ patient: { vitals: { pulse: 80 } }, ward: 'icu' })), false);
    assert.equal(p.matches({ attributes: {}, message: 'not json' }), false, 'a body that is not JSON matches nothing');
    const tags = compileFilterPolicy({ tags: ['urgent'], owner: [null] }, 'MessageBody');
    assert.equal(tags.matches(body({ tags: ['billing', 'urgent'], owner: null })), true);
    assert.equal(tags.matches(body({ tags: ['billing'], owner: null })), false);
  });

  it('accepts the policy as JSON text and rejects invalid policies with a message', () => {
    assert.equal(compileFilterPolicy('{"a":["x"]}').matches(attrs({ a: ['String', 'x'] })), true);
    const invalid: [unknown, RegExp][] = [
      ['{not json', /not valid JSON/],
      [{}, /non-empty JSON object/],
      [{ a: 'x' }, /FilterPolicy\.a: the value must be a list of conditions/],
      [{ a: [] }, /list of conditions is empty/],
      [{ a: [{ numeric: ['>'] }] }, /"numeric" takes an operator and a number/],
      [{ a: [{ numeric: ['~', 1] }] }, /unknown "numeric" operator "~"/],
      [{ a: [{ wildcard: 'x*' }] }, /unknown operator "wildcard"/],
      [{ a: [{ cidr: '10.0.0.300/8' }] }, /IPv4 block/],
      [{ a: [{ 'anything-but': { exists: true } }] }, /cannot hold "exists"/],
      [{ $or: [{ a: ['x'] }] }, /"\$or" takes a list of at least two policies/],
    ];
    for (const [policy, message] of invalid) assert.throws(() => compileFilterPolicy(policy), message, JSON.stringify(policy));
    assert.throws(() => compileFilterPolicy({ a: { b: ['x'] } }), /list of conditions\.$/, 'nested keys need MessageBody scope');
  });
});
