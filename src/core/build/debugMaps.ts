// Lets breakpoints set in the workspace bind in a built copy: each JavaScript source copied into a build
// directory gets an inline identity source map naming the workspace file it came from, which the Node
// debugger and the log source mapper already follow (as they do for esbuild bundles).
import * as fs from 'node:fs';
import * as path from 'node:path';

const MAP_COMMENT = /\/\/[#@] sourceMappingURL=/;
const MAX_BYTES = 2 * 1024 * 1024;

/** Adds the maps to every .js/.cjs/.mjs file under `builtDir` (outside node_modules) copied from `sourceDir`. */
export async function addIdentityMaps(builtDir: string, sourceDir: string): Promise<void> {
  const walk = async (rel: string): Promise<void> => {
    const entries = await fs.promises.readdir(path.join(builtDir, rel), { withFileTypes: true });
    for (const e of entries) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && !e.name.startsWith('.')) await walk(r);
      } else if (e.isFile() && /\.[cm]?js$/.test(e.name)) {
        await addMap(path.join(builtDir, r), path.join(sourceDir, r));
      }
    }
  };
  await walk('');
}

async function addMap(built: string, original: string): Promise<void> {
  if (!fs.existsSync(original) || (await fs.promises.stat(built)).size > MAX_BYTES) return;
  const text = await fs.promises.readFile(built, 'utf8');
  // A file that already has a map (tsc output) keeps it.
  if (MAP_COMMENT.test(text.slice(-4096))) return;
  const lines = text.split('\n').length;
  const map = { version: 3, file: path.basename(built), sources: [original], names: [], mappings: ['AAAA', ...Array<string>(lines - 1).fill('AACA')].join(';') };
  const comment = `//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}`;
  await fs.promises.appendFile(built, `${text.endsWith('\n') ? '' : '\n'}${comment}\n`);
}
