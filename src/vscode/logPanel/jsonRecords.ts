// LogFormat JSON in the log panel: Lambda's `platform.*` records (start, report) and the runtimes' JSON
// application records (timestamp, level, message, requestId), read into what the rows show.

/** A JSON log record the panel understands. */
export type JsonRecord =
  | { readonly kind: 'platform'; readonly type: string; readonly requestId: string | undefined; readonly record: Record<string, unknown> }
  | { readonly kind: 'app'; readonly level: string | undefined; readonly message: string; readonly requestId: string | undefined; readonly tenantId: string | undefined };

const cache = new Map<string, JsonRecord | null>();

/** The record of a JSON log line, or undefined for any other line (cheap for text lines). */
export function jsonRecordOf(message: string): JsonRecord | undefined {
  if (message.charCodeAt(0) !== 123 /* { */) return undefined;
  const hit = cache.get(message);
  if (hit !== undefined) return hit ?? undefined;
  let out: JsonRecord | null = null;
  try {
    const v = JSON.parse(message) as Record<string, unknown>;
    if (typeof v.type === 'string' && v.type.startsWith('platform.') && v.record && typeof v.record === 'object') {
      const record = v.record as Record<string, unknown>;
      out = { kind: 'platform', type: v.type, requestId: typeof record.requestId === 'string' ? record.requestId : undefined, record };
    } else if (typeof v.level === 'string' || typeof v.requestId === 'string') {
      const text = typeof v.message === 'string' ? v.message : JSON.stringify(v.message ?? v.errorMessage ?? '');
      out = { kind: 'app', level: typeof v.level === 'string' ? v.level : undefined, message: text, requestId: typeof v.requestId === 'string' ? v.requestId : undefined, tenantId: typeof v.tenantId === 'string' ? v.tenantId : undefined };
    }
  } catch {
    out = null;
  }
  if (cache.size > 5000) cache.clear();
  cache.set(message, out);
  return out ?? undefined;
}

/** The REPORT figures of a `platform.report` record, in the text REPORT line's terms. */
export function jsonReport(r: JsonRecord | undefined): { requestId: string; durationMs?: number; billedMs?: number; memorySizeMb?: number; maxMemoryUsedMb?: number; initDurationMs?: number; status?: string } | undefined {
  if (r?.kind !== 'platform' || r.type !== 'platform.report' || !r.requestId) return undefined;
  const m = (r.record.metrics ?? {}) as Record<string, unknown>;
  const num = (k: string): number | undefined => (typeof m[k] === 'number' ? m[k] : undefined);
  const out: { requestId: string; durationMs?: number; billedMs?: number; memorySizeMb?: number; maxMemoryUsedMb?: number; initDurationMs?: number; status?: string } = { requestId: r.requestId };
  const fields = [['durationMs', 'durationMs'], ['billedMs', 'billedDurationMs'], ['memorySizeMb', 'memorySizeMB'], ['maxMemoryUsedMb', 'maxMemoryUsedMB'], ['initDurationMs', 'initDurationMs']] as const;
  for (const [to, from] of fields) {
    const v = num(from);
    if (v !== undefined) out[to] = v;
  }
  if (typeof r.record.status === 'string' && r.record.status !== 'success') out.status = r.record.status;
  return out;
}
