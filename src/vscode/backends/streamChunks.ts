// Collects a streamed response for the result view: each chunk with its arrival time (reported at
// once), and the body up to a display limit.
import type { ResponseSink, StreamBandwidth } from '../../core/runtime/streamedResponse';
import type { StreamChunk } from './lambdaBackend';

const BODY_LIMIT = 1024 * 1024;
const CHUNK_LIMIT = 2000;
const TEXT_LIMIT = 200;

/** A sink for the engine and what it saw. */
export interface ChunkCollector {
  readonly sink: ResponseSink;
  readonly chunks: StreamChunk[];
  /** The body as UTF-8 (the first megabyte). */
  body(): string;
}

export function chunkCollector(onChunk: (chunk: StreamChunk) => void, bandwidth: StreamBandwidth | undefined): ChunkCollector {
  const started = performance.now();
  const chunks: StreamChunk[] = [];
  const parts: Buffer[] = [];
  let kept = 0;
  return {
    chunks,
    body: () => Buffer.concat(parts).toString('utf8'),
    sink: {
      bandwidth,
      start: () => undefined,
      write: (data) => {
        if (kept < BODY_LIMIT) {
          const part = data.subarray(0, BODY_LIMIT - kept);
          parts.push(Buffer.from(part));
          kept += part.length;
        }
        const chunk: StreamChunk = { atMs: performance.now() - started, bytes: data.length, text: data.toString('utf8', 0, Math.min(data.length, TEXT_LIMIT)) };
        if (chunks.length < CHUNK_LIMIT) chunks.push(chunk);
        onChunk(chunk);
        return true;
      },
    },
  };
}
