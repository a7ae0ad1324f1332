// Which template function a source file belongs to: the one whose handler module or esbuild entry point
// is that file, else the one with the deepest code directory holding it (F5 without a launch.json).
import * as path from 'node:path';
import type { FunctionSummary } from '../backends/lambdaBackend';

const stripExt = (p: string): string => p.replace(/\.(m?[jt]s|c[jt]s|py|rb|go)$/, '');

/** The handler's module path relative to its code directory ("src/app" for "src/app.handler"). */
function handlerModule(handler: string): string {
  const dot = handler.lastIndexOf('.');
  return dot > 0 ? handler.slice(0, dot) : handler;
}

/** The functions `file` belongs to, best match first (several when they share a file). */
export function functionsForFile(functions: readonly FunctionSummary[], file: string): FunctionSummary[] {
  const scored: { fn: FunctionSummary; score: number }[] = [];
  for (const fn of functions) {
    const dir = fn.local?.codeDir;
    if (!dir || !(file === dir || file.startsWith(dir + path.sep))) continue;
    const rel = stripExt(path.relative(dir, file)).split(path.sep).join('/');
    const entries = (fn.local?.entryPoints ?? []).map((e) => stripExt(path.normalize(e)).split(path.sep).join('/'));
    const exact = entries.includes(rel) || handlerModule(fn.handler) === rel;
    scored.push({ fn, score: (exact ? 1_000_000 : 0) + dir.length });
  }
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0]?.score;
  return scored.filter((s) => s.score === best).map((s) => s.fn);
}
