// Finds the file a handler string names, the way each runtime looks it up (fidelity 2.2, 2.3), so the
// debugger can stop at module scope or at the handler before anything runs.
import * as fs from 'node:fs';
import * as path from 'node:path';

const isFile = (file: string): boolean => {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

/** The module file of a Node.js handler (`dir/module.export`), if it exists. */
export function nodeHandlerFile(codeDir: string, handler: string): string | undefined {
  const m = /^([^.]*)\.(.*)$/.exec(path.basename(handler));
  if (!m) return undefined;
  const base = path.resolve(codeDir, path.dirname(handler), m[1] as string);
  return [base, `${base}.js`, `${base}.mjs`, `${base}.cjs`].find(isFile);
}

/** The module file and function name of a Python handler (`pkg/module.function` or `pkg.module.function`). */
export function pythonHandlerFile(codeDir: string, handler: string): { file: string; functionName: string } | undefined {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const modulePath = handler.slice(0, dot).replace(/\./g, '/');
  const functionName = handler.slice(dot + 1);
  for (const file of [path.resolve(codeDir, `${modulePath}.py`), path.resolve(codeDir, modulePath, '__init__.py')]) {
    if (isFile(file)) return { file, functionName };
  }
  return undefined;
}

/** 1-based line of the first statement of a Python function `name` in `source`, or of the module when no name. */
export function pythonFirstLine(source: string, functionName?: string): number | undefined {
  const lines = source.split('\n');
  let start = 0;
  if (functionName !== undefined) {
    const def = new RegExp(`^(\\s*)(async\\s+)?def\\s+${functionName}\\s*\\(`);
    const at = lines.findIndex((l) => def.test(l));
    if (at < 0) return undefined;
    // Skip the signature (it may span lines) up to the line ending with ':'.
    start = at;
    while (start < lines.length && !/:\s*(#.*)?$/.test(lines[start] as string)) start++;
    start++;
  }
  let inDocstring: string | undefined;
  for (let i = start; i < lines.length; i++) {
    const text = (lines[i] as string).trim();
    if (inDocstring) {
      if (text.includes(inDocstring)) inDocstring = undefined;
      continue;
    }
    if (text === '' || text.startsWith('#')) continue;
    const quote = /^[rRbBuU]?("""|''')/.exec(text)?.[1];
    if (quote) {
      if (text.indexOf(quote, text.indexOf(quote) + 3) < 0) inDocstring = quote;
      continue;
    }
    return i + 1;
  }
  return undefined;
}
