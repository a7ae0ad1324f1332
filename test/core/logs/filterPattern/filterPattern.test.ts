import * as assert from 'node:assert';
import { compileFilterPattern } from '../../../../src/core/logs/filterPattern/filterPattern';

// A corpus of Lambda text lines, plain text, JSON lines and a space-delimited access log.
const corpus = [
  /* 0 */ '2024-01-01T00:00:00.000Z\t8f1c\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"boom"}\n',
  /* 1 */ '2024-01-01T00:00:00.001Z\t8f1c\tINFO\tuser signed in ARGUMENTS ok\n',
  /* 2 */ '[ERROR 400] BAD REQUEST\n',
  /* 3 */ '[WARN] disk almost full\n',
  /* 4 */ '{"level":"ERROR","latency":1500,"user":{"id":42,"name":"Ann"},"tags":["a","b"],"ok":false,"gone":null}\n',
  /* 5 */ '{"level":"INFO","latency":20,"user":{"id":7},"ip":"123.123.1.9","code":200}\n',
  /* 6 */ '{"level":"WARN","latency":1000.5,"code":500,"error":true}\n',
  /* 7 */ '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 404 2326\n',
  /* 8 */ '10.0.0.2 - bob [10/Oct/2000:13:56:00 -0700] "POST /api HTTP/1.1" 200 51\n',
  /* 9 */ 'DEBUG Exception in thread main\n',
];

const cases: [string, number[]][] = [
  ['', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]],
  ['" "', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]],
  ['ERROR', [0, 2, 4]],
  ['error', [0, 6]],
  ['ERROR BAD', [2]],
  ['?WARN ?DEBUG', [3, 6, 9]],
  ['ERROR -BAD', [0, 4]],
  ['-ERROR', [1, 3, 5, 6, 7, 8, 9]],
  ['"BAD REQUEST"', [2]],
  ['"Invoke Error"', [0]],
  ['?"ERROR" "BAD" ?"WARN" "disk"', [2, 3]],
  ['?ERROR ?Exception -DEBUG', [0, 2, 4]],
  ['%ERR[O]R 4\\d\\d%', [2]],
  ['%^\\[WARN%', [3]],
  ['{ $.level = "ERROR" }', [4]],
  ['{ $.level = ERROR }', [4]],
  ['{ $.level != "ERROR" }', [5, 6]],
  ['{ $.latency > 1000 }', [4, 6]],
  ['{ $.latency >= 1000.5 }', [4, 6]],
  ['{ $.latency < 21 }', [5]],
  ['{ $.latency <= 20 && $.code = 200 }', [5]],
  ['{ $.user.id = 42 }', [4]],
  ['{ $.user.name = "A*" }', [4]],
  ['{ $.tags[1] = "b" }', [4]],
  ['{ $.tags[*] = "a" }', [4]],
  ['{ $.ip = 123.123.* }', [5]],
  ['{ $.ip != 123.123.* }', []],
  ['{ $.ok IS FALSE }', [4]],
  ['{ $.error IS TRUE }', [6]],
  ['{ $.gone IS NULL }', [4]],
  ['{ $.user NOT EXISTS }', [6]],
  ['{ $.error EXISTS }', [6]],
  ['{ ($.level = "ERROR" || $.code = 500) && $.latency > 999 }', [4, 6]],
  ['{ $.level = "INFO" || $.error IS TRUE }', [5, 6]],
  ['{ $.level = %ERR|WARN% }', [4, 6]],
  ['[ip, user, username, timestamp, request, status_code = 4*, bytes > 1000]', [7]],
  ['[ip, user, username, timestamp, request, status_code, bytes]', [7, 8]],
  ['[ip, ..., status_code = 404 || status_code = 200, bytes]', [7, 8]],
  ['[ip = 10.*, ...]', [8]],
  ['[..., bytes < 100]', [8]],
  ['[ip, user, username, timestamp, request = "POST*", status_code, bytes]', [8]],
  ['[w1 = DEBUG, ...]', [9]],
];

describe('logs/filterPattern', () => {
  for (const [pattern, expected] of cases) {
    it(`'${pattern}' matches ${JSON.stringify(expected)}`, () => {
      const f = compileFilterPattern(pattern);
      const matched = corpus.flatMap((m, i) => (f.matches(m) ? [i] : []));
      assert.deepStrictEqual(matched, expected);
      // The prefilter literals must never reject a line that matches.
      if (f.literals.length) for (const i of expected) assert.ok(f.literals.some((l) => corpus[i]!.includes(l)), `literal of ${pattern} in line ${i}`);
    });
  }

  it('a JSON pattern never matches a message that is not a JSON object', () => {
    const f = compileFilterPattern('{ $.level = "ERROR" }');
    assert.strictEqual(f.matches('level ERROR\n'), false);
    assert.strictEqual(f.matches('[{"level":"ERROR"}]\n'), false);
    assert.strictEqual(f.matches('2024-01-01T00:00:00Z\tid\tINFO\t{"level":"ERROR"}\n'), false);
  });

  it('rejects malformed patterns with InvalidParameterException and the reason', () => {
    for (const [bad, reason] of [
      ['{ $.a = }', /expected a value/],
      ['{ $.a = 1', /must end with }/],
      ['{ a = 1 }', /property selector/],
      ['{ $.a ~ 1 }', /comparison operator/],
      ['{ $.a IS MAYBE }', /TRUE, FALSE or NULL/],
      ['[a, b', /must end with \]/],
      ['[a, a]', /used twice/],
      ['[a, b = 1 || c = 2]', /unknown field 'c'/],
      ['%a(b)%', /parentheses/],
      ['%abc', /unterminated/],
      ['"open', /unterminated quoted/],
      ['x'.repeat(1025), /longer than 1024/],
    ] as const) {
      assert.throws(() => compileFilterPattern(bad), (e: Error & { type?: string }) => e.type === 'InvalidParameterException' && reason.test(e.message), bad);
    }
  });
});
