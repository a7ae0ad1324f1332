// The other half of a side-by-side run: the deployed function of a local one (same name, or SAM's
// `<stack>-<LogicalId>-<suffix>` physical name) or the local function of a deployed one.
import type { FunctionSummary, LambdaBackend } from '../backends/lambdaBackend';

export interface Candidate {
  readonly backend: LambdaBackend;
  readonly fn: FunctionSummary;
  /** How well it matches: 2 same name, 1 SAM physical name of the logical id, 0 any other. */
  readonly score: 0 | 1 | 2;
}

/** Whether `deployed` looks like the function `local` became after a deploy. */
export function matchScore(local: FunctionSummary, deployed: FunctionSummary): 0 | 1 | 2 {
  if (deployed.name === local.name) return 2;
  const id = local.local?.logicalId;
  if (id && new RegExp(`(^|-)${id.replace(/[^A-Za-z0-9]/g, '')}(-[A-Za-z0-9]+)?$`).test(deployed.name)) return 1;
  return 0;
}

/** Every function of `backends` (that can be listed) as a candidate for `fn`, best matches first. */
export async function counterpartCandidates(fn: FunctionSummary, backends: readonly LambdaBackend[], localSide: boolean): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const backend of backends) {
    const fns = await backend.listFunctions().catch(() => [] as FunctionSummary[]);
    for (const other of fns) out.push({ backend, fn: other, score: localSide ? matchScore(other, fn) : matchScore(fn, other) });
  }
  return out.sort((a, b) => b.score - a.score || a.fn.name.localeCompare(b.fn.name));
}
