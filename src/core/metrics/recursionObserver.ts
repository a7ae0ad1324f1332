// What recursive loop detection reports when it stops a chain: the RecursiveInvocationsDropped metric,
// and a warning naming the loop's path (each function of the lineage with how often the chain ran it),
// both on the engine's warnings and as a line in the function's log group (the log panel shows it).
import type { Invoker } from '../invoke/invoker';
import { lineageKey, lineageOf } from '../invoke/recursionGuard';
import type { LogStore } from '../logs/logStore';
import type { MetricsStore } from './metricsStore';

/** What the invoker emits on `recursionDropped`. */
export interface RecursionDrop {
  readonly functionName: string;
  readonly count: number;
  readonly source: string;
  readonly traceHeader: string;
}

/** `orders (17) -> notify (16)`: the functions of a lineage, most-invoked first. */
export function loopPath(traceHeader: string, functionNames: readonly string[]): string {
  const byKey = new Map(functionNames.map((n) => [lineageKey(n), n]));
  return [...lineageOf(traceHeader)]
    .sort((a, b) => b[1] - a[1])
    .map(([key, n]) => `${byKey.get(key) ?? `function ${key}`} (${n})`)
    .join(' -> ');
}

export function observeRecursion(
  invoker: Invoker,
  deps: { readonly metrics: MetricsStore; readonly logs: LogStore; readonly functionNames: () => readonly string[]; readonly logGroupOf: (fn: string) => string | undefined; readonly warn: (m: string) => void; readonly now: () => number },
): void {
  invoker.on('recursionDropped', (d: RecursionDrop) => {
    deps.metrics.recordAsync({ functionName: d.functionName, resource: d.functionName, executedVersion: '$LATEST' }, 'recursiveInvocationsDropped');
    const message = `Recursive loop detected: ${d.functionName} was invoked ${d.count} times by the same ${d.source === 'lambda' ? 'asynchronous invocation' : d.source.toUpperCase()} event chain, so Lambda stopped it (RecursiveLoop: Terminate). Loop path: ${loopPath(d.traceHeader, deps.functionNames())}. Set RecursiveLoop: Allow (PutFunctionRecursionConfig) if the loop is intended.`;
    deps.warn(message);
    const group = deps.logGroupOf(d.functionName);
    if (group) deps.logs.append(group, 'recursive-loop-detection', { timestamp: deps.now(), message: `WARNING ${message}\n` });
  });
}
