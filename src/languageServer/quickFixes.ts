// Quick fixes for the common template mistakes: an unknown Runtime (did you mean...), a deprecated one
// (upgrade to the newest of its language), a Handler whose file or export is missing (create it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type WorkspaceEdit } from 'vscode-languageserver';
import type { FunctionSpec } from '../core/project';
import { findNodeModuleFile } from '../core/project/handlerLookup';
import { runtimeFamily } from '../core/project/runtimes';
import { RUNTIME_TABLE, isPastDeprecation, runtimeEntry } from '../core/runtimeTable';
import type { TemplateAnalysis } from './templateAnalysis';

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The accepted runtimes closest to a mistyped one (best first, at most three). */
export function runtimeSuggestions(value: string, now: Date = new Date()): string[] {
  const v = value.toLowerCase();
  // Deprecated runtimes are still suggested (the user may mean one), after current ones at equal distance.
  const scored = RUNTIME_TABLE.filter((r) => r.accepted).map((r) => ({ id: r.id, d: distance(v, r.id) - (r.id.startsWith(v.replace(/[\d.x]+$/, '')) ? 1 : 0) + (isPastDeprecation(r, now) ? 0.5 : 0) }));
  const best = Math.min(...scored.map((s) => s.d));
  return scored.filter((s) => s.d <= Math.max(best, 1) + 1 && s.d <= Math.max(3, Math.ceil(v.length / 2))).sort((a, b) => a.d - b.d).slice(0, 3).map((s) => s.id);
}

/** The newest runtime of the same language that is not deprecated. */
export function runtimeUpgrade(value: string, now: Date = new Date()): string | undefined {
  const entry = runtimeEntry(value);
  if (!entry) return undefined;
  return RUNTIME_TABLE.filter((r) => r.accepted && r.language === entry.language && !isPastDeprecation(r, now)).at(-1)?.id;
}

const replace = (uri: string, range: Range, text: string): WorkspaceEdit => ({ changes: { [uri]: [{ range, newText: text }] } });

const sameRange = (a: Range, b: Range): boolean =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/** The code actions for the diagnostics VS Code sends with a request. */
export function quickFixes(a: TemplateAnalysis, uri: string, text: string, diagnostics: readonly Diagnostic[], now: Date = new Date()): CodeAction[] {
  const out: CodeAction[] = [];
  const lines = text.split('\n');
  const valueOf = (r: Range): string => (r.start.line === r.end.line ? (lines[r.start.line] ?? '').slice(r.start.character, r.end.character) : '').replace(/^["']|["']$/g, '');
  for (const d of diagnostics) {
    if (d.code === 'runtime-unknown') {
      runtimeSuggestions(valueOf(d.range), now).forEach((id, i) =>
        out.push({ title: `Did you mean ${id}?`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: i === 0, edit: replace(uri, d.range, id) }),
      );
    } else if (d.code === 'runtime-deprecated') {
      const to = runtimeUpgrade(valueOf(d.range), now);
      if (to && to !== valueOf(d.range)) out.push({ title: `Upgrade to ${to}`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: replace(uri, d.range, to) });
    } else if (d.code === 'handler-file-missing' || d.code === 'handler-export-missing') {
      const spec = specAt(a, d.range);
      const fix = spec && handlerFix(spec, d.code);
      if (fix) out.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: fix.edit });
    }
  }
  return out;
}

function specAt(a: TemplateAnalysis, range: Range): FunctionSpec | undefined {
  const problem = a.project.problems.find((p) => (p.code === 'handler-file-missing' || p.code === 'handler-export-missing') && sameRange(p.range, range));
  return a.project.functions.find((f) => (problem?.resource ? f.logicalId === problem.resource : f.handlerRange && sameRange(f.handlerRange, range)));
}

/** The file and function a handler names, and the stub that defines it, for Node.js and Python. */
function handlerStub(spec: FunctionSpec): { file: string; existing: string | undefined; stub: (existing: string | undefined) => string; name: string } | undefined {
  const family = runtimeFamily(spec.runtime);
  if (family === 'node') {
    const base = path.basename(spec.handler);
    const m = /^([^.]+)\.([\w$]+)$/.exec(base);
    if (!m) return undefined;
    const existing = findNodeModuleFile(spec.codeDir, spec.handler);
    const file = existing ?? path.resolve(spec.codeDir, path.dirname(spec.handler), `${m[1]}.${isEsm(spec.codeDir) ? 'mjs' : 'js'}`);
    const esm = file.endsWith('.mjs') || (file.endsWith('.js') && isEsm(spec.codeDir)) || (existing !== undefined && /^\s*(import|export)\s/m.test(read(existing)));
    const name = m[2]!;
    const body = `async (event, context) => {\n  console.log('event', JSON.stringify(event));\n  return { statusCode: 200, body: JSON.stringify({ ok: true }) };\n};\n`;
    return { file, existing, name, stub: (prev) => `${prev && !prev.endsWith('\n') ? '\n' : ''}${prev ? '\n' : ''}${esm ? `export const ${name} = ${body}` : `exports.${name} = ${body}`}` };
  }
  if (family === 'python') {
    const dot = spec.handler.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const name = spec.handler.slice(dot + 1);
    const file = path.resolve(spec.codeDir, `${spec.handler.slice(0, dot).replace(/\./g, '/')}.py`);
    const existing = fs.existsSync(file) ? file : undefined;
    return { file, existing, name, stub: (prev) => `${prev && !prev.endsWith('\n') ? '\n' : ''}${prev ? '\n\n' : ''}def ${name}(event, context):\n    print("event", event)\n    return {"statusCode": 200, "body": "ok"}\n` };
  }
  return undefined;
}

function handlerFix(spec: FunctionSpec, code: string): { title: string; edit: WorkspaceEdit } | undefined {
  const h = handlerStub(spec);
  if (!h) return undefined;
  const uri = pathToFileURL(h.file).toString();
  const rel = path.relative(path.dirname(spec.file), h.file);
  if (code === 'handler-file-missing' && !h.existing) {
    return {
      title: `Create ${rel} with a ${h.name} function`,
      edit: { documentChanges: [{ kind: 'create', uri, options: { ignoreIfExists: true } }, { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: h.stub(undefined) }] }] },
    };
  }
  if (!h.existing) return undefined;
  const prev = read(h.existing);
  const end = endOf(prev);
  return { title: `Add a ${h.name} function to ${rel}`, edit: { changes: { [uri]: [{ range: { start: end, end }, newText: h.stub(prev) }] } } };
}

function endOf(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1]!.length };
}

function read(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function isEsm(dir: string): boolean {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { type?: string }).type === 'module';
  } catch {
    return false;
  }
}
