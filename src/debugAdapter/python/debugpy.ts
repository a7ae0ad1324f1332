// Finds a Python that can import debugpy for a runtime (the runtime's own interpreter first, then the
// system one that Debian's python3-debugpy installs for), and a free loopback port for it to listen on.
import { execFile } from 'node:child_process';
import type { Emulator } from '../../core/emulator';
import type { Interpreter } from '../../core/runtime/runtimeCatalog';
import { debugErrors } from '../errors';

const found = new Map<string, Promise<Interpreter>>();

// find_spec locates debugpy without importing it (an import costs ~0.3 s).
const probeScript = 'import importlib.util as u, sys; print(sys.executable); print("%d.%d" % sys.version_info[:2]); sys.exit(0 if u.find_spec("debugpy") else 3)';

function probe(python: string): Promise<{ executable: string; version: string } | undefined> {
  return new Promise((resolve) => {
    execFile(python, ['-c', probeScript], { timeout: 15_000 }, (err, stdout) => {
      const [executable, version] = stdout.trim().split('\n');
      resolve(err || !executable || !version ? undefined : { executable, version });
    });
  });
}

/** Says when debugging does not use the function's own interpreter, and how to make it do so. */
function debugNote(runtime: string, wanted: string, hit: { executable: string; version: string }, own: string | undefined): string | undefined {
  if (hit.executable === own) return undefined;
  const differs = hit.version === wanted ? '' : `; behaviour specific to Python ${wanted} may differ`;
  if (!own) return `${runtime} functions are debugged on ${hit.executable} (Python ${hit.version}, which has debugpy)${differs}.`;
  return `${runtime} functions are debugged on ${hit.executable} (Python ${hit.version}, which has debugpy) because ${own} cannot import debugpy${differs}. To debug on ${own}, install debugpy into it: \`${own} -m pip install debugpy\`.`;
}

async function lookup(engine: Emulator, runtime: string): Promise<Interpreter> {
  const wanted = runtime.replace(/^python/, '');
  const candidates: string[] = [];
  let own: string | undefined;
  try {
    own = (await engine.resolveInterpreter(runtime)).executable;
    candidates.push(own);
  } catch {
    // No interpreter for the runtime on PATH: the system one may still do.
  }
  candidates.push(`/usr/bin/python${wanted}`, '/usr/bin/python3');
  const tried = [...new Set(candidates)];
  const probes = tried.map(probe);
  for (const pending of probes) {
    const hit = await pending;
    if (hit) {
      return {
        executable: hit.executable,
        version: hit.version,
        mismatch: debugNote(runtime, wanted, hit, own),
      };
    }
  }
  throw debugErrors.debugpyMissing(tried);
}

/** A Python for `runtime` that can import debugpy; cached per runtime, retried after a failure. */
export function debugpyInterpreter(engine: Emulator, runtime: string): Promise<Interpreter> {
  let p = found.get(runtime);
  if (!p) {
    p = lookup(engine, runtime);
    p.catch(() => found.delete(runtime));
    found.set(runtime, p);
  }
  return p;
}

