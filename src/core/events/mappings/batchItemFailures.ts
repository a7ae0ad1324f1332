// Reads a partial batch response (`ReportBatchItemFailures`, fidelity 9.2 / 9.3) exactly as Lambda
// does: which responses mean success, which fail the whole batch, which name single items.

/** The verdict on one batch. */
export type BatchVerdict =
  | { readonly kind: 'success' }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'partial'; readonly failed: readonly string[] };

/** Interprets a function's response; `known` are the batch's item ids (message ids or sequence numbers). */
export function parseBatchItemFailures(payload: Buffer, known: ReadonlySet<string>): BatchVerdict {
  const text = payload.toString('utf8').trim();
  if (text === '' || text === 'null') return { kind: 'success' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'failed', reason: 'The response is not valid JSON.' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { kind: 'success' };
  const list = (value as { batchItemFailures?: unknown }).batchItemFailures;
  if (list === undefined || list === null) return { kind: 'success' };
  if (!Array.isArray(list)) return { kind: 'failed', reason: 'batchItemFailures is not a list.' };
  if (list.length === 0) return { kind: 'success' };
  const failed: string[] = [];
  for (const item of list) {
    const id = item && typeof item === 'object' ? (item as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    if (id === undefined) return { kind: 'failed', reason: 'An entry of batchItemFailures has no itemIdentifier key.' };
    if (id === null || id === '') return { kind: 'failed', reason: 'An itemIdentifier is empty or null.' };
    if (typeof id !== 'string' || !known.has(id)) return { kind: 'failed', reason: `The itemIdentifier ${JSON.stringify(id)} is not part of the batch.` };
    if (!failed.includes(id)) failed.push(id);
  }
  return { kind: 'partial', failed };
}
