// Turns an environment's stdout/stderr into log lines (split on \n, like the Lambda platform) and
// reads the structured side channel (fd 3) where our bootstraps write one record per console call.
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import type { CallSite } from '../logs/logSink';

/** One line of output; `message` keeps Lambda's trailing newline. */
export interface OutputLine {
  readonly timestamp: number;
  readonly message: string;
  readonly callSite?: CallSite;
}

/** Calls `onLine` for every complete line of `stream`; a final unterminated line is flushed at end. */
export function captureLines(stream: Readable, onLine: (line: OutputLine) => void): void {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  stream.on('data', (chunk: Buffer) => {
    const text = pending + decoder.write(chunk);
    let start = 0;
    const now = Date.now();
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      onLine({ timestamp: now, message: text.slice(start, nl + 1) });
      start = nl + 1;
    }
    pending = text.slice(start);
  });
  stream.on('end', () => {
    const rest = pending + decoder.end();
    pending = '';
    if (rest) onLine({ timestamp: Date.now(), message: rest + '\n' });
  });
}

/**
 * The side channel record: `{"t":<epoch ms>,"m":"<message with newline>","f":"<file>","l":<line>,"c":<col>}`.
 * Each record is one CloudWatch event, so multi-line messages stay whole (as with the telemetry fd).
 */
export function captureRecords(stream: Readable, onLine: (line: OutputLine) => void): void {
  captureLines(stream, ({ message, timestamp }) => {
    try {
      const r = JSON.parse(message) as { t?: number; m?: string; f?: string; l?: number; c?: number };
      if (typeof r.m !== 'string') return;
      const callSite = typeof r.f === 'string' && typeof r.l === 'number' ? { file: r.f, line: r.l, column: r.c ?? 1 } : undefined;
      onLine(callSite ? { timestamp: r.t ?? timestamp, message: r.m, callSite } : { timestamp: r.t ?? timestamp, message: r.m });
    } catch {
      onLine({ timestamp, message });
    }
  });
}
