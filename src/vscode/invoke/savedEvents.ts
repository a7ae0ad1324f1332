// Saved test events: `<events>/<FunctionName>/<name>.json` beside the template (a folder per function,
// created on first save) plus shared `<events>/*.json`. Plain files, so they can be committed.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface SavedEvent {
  readonly name: string;
  readonly file: string;
  /** From the shared folder rather than the function's own. */
  readonly shared: boolean;
}

const jsonFiles = (dir: string): string[] => {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.json'))
      .map((e) => e.name)
      .sort((a, b) => a.localeCompare(b));
  } catch {
    return [];
  }
};

/** The function's own events, then the shared ones. */
export function listSavedEvents(eventsDir: string, functionName: string): SavedEvent[] {
  const own = path.join(eventsDir, functionName);
  return [
    ...jsonFiles(own).map((f) => ({ name: f.slice(0, -5), file: path.join(own, f), shared: false })),
    ...jsonFiles(eventsDir).map((f) => ({ name: f.slice(0, -5), file: path.join(eventsDir, f), shared: true })),
  ];
}

/** Why `name` cannot be an event file name, or undefined when it can. */
export function invalidEventName(name: string): string | undefined {
  if (!name.trim()) return 'Give the event a name';
  if (!/^[\w.-]+$/.test(name) || name.startsWith('.')) return 'Use letters, digits, dots, dashes and underscores';
  return undefined;
}

/** Writes a saved event for the function (creating its folder) and returns the file. */
export function saveEvent(eventsDir: string, functionName: string, name: string, text: string): string {
  const problem = invalidEventName(name);
  if (problem) throw new Error(`${problem}: "${name}"`);
  const dir = path.join(eventsDir, functionName);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name.endsWith('.json') ? name : `${name}.json`);
  fs.writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
  return file;
}

/** Reads an event file, checking that it holds JSON (Lambda rejects anything else). */
export function readEvent(file: string): Buffer {
  const data = fs.readFileSync(file);
  try {
    JSON.parse(data.toString('utf8'));
  } catch (e) {
    // eslint-disable-next-line preserve-caught-error -- the message replaces the low-level error on purpose; it is what the user sees
    throw new Error(`${path.basename(file)} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  return data;
}
