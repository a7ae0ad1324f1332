// A durable execution's history as timeline lines (CLI `durable history`, the VS Code history document):
// time, offset from the start, event type, operation name, and attempt, result, error or callback id.

/** A history event in any of its shapes: the engine's (epoch ms), or an SDK's (Date). */
export type AnyHistoryEvent = { readonly EventType?: string; readonly Name?: string; readonly EventTimestamp?: Date | number } & Readonly<Record<string, unknown>>;

const ms = (t: Date | number | undefined): number | undefined => (t instanceof Date ? t.getTime() : t);
const clip = (s: string): string => (s.length > 100 ? s.slice(0, 97) + '...' : s);

/** One line per event; the offset is from the first event. */
export function timelineLines(events: readonly AnyHistoryEvent[]): string[] {
  const start = ms(events[0]?.EventTimestamp) ?? 0;
  return events.map((e) => {
    const at = ms(e.EventTimestamp) ?? start;
    const details = Object.entries(e).find(([k]) => k.endsWith('Details'))?.[1] as Record<string, unknown> | undefined;
    const extra: string[] = [];
    const retry = details?.['RetryDetails'] as { CurrentAttempt?: number } | undefined;
    if (retry?.CurrentAttempt) extra.push(`attempt ${retry.CurrentAttempt}`);
    const err = (details?.['Error'] as { Payload?: { ErrorType?: string; ErrorMessage?: string } } | undefined)?.Payload;
    if (err) extra.push(`error: ${err.ErrorType ? `${err.ErrorType}: ` : ''}${err.ErrorMessage ?? ''}`);
    const result = (details?.['Result'] as { Payload?: string } | undefined)?.Payload;
    if (result !== undefined) extra.push(`result: ${clip(result)}`);
    const input = (details?.['Input'] as { Payload?: string } | undefined)?.Payload;
    if (input !== undefined) extra.push(`input: ${clip(input)}`);
    if (details?.['CallbackId']) extra.push(`callback id ${String(details['CallbackId'])}`);
    if (typeof details?.['Duration'] === 'number') extra.push(`${details['Duration']} s`);
    if (typeof details?.['RequestId'] === 'string' && details['RequestId']) extra.push(`request ${details['RequestId']}`);
    const offset = `+${((at - start) / 1000).toFixed(3)}s`;
    return `${new Date(at).toISOString()} ${offset.padStart(11)}  ${String(e.EventType ?? '').padEnd(20)} ${e.Name ?? ''}${extra.length ? '  ' + extra.join(', ') : ''}`.trimEnd();
  });
}
