// Chooses the event of an invocation: last used, the function's saved events, shared events, an empty
// event, a generated sample, a new saved event or any JSON file. Remembers the choice per function.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { listSavedEvents, readEvent, saveEvent, invalidEventName } from './savedEvents';

/** The event an invocation sends and how to describe it. */
export interface EventChoice {
  readonly label: string;
  readonly payload: Buffer;
  /** The file it came from, when there is one (launch configurations reference it). */
  readonly file?: string;
}

type Remembered = { readonly label: string; readonly file?: string; readonly text?: string };

/** What the picker needs to know about the function. */
export interface EventTarget {
  readonly backendId: string;
  readonly functionName: string;
  /** `<template dir>/<events setting>`. */
  readonly eventsDir: string;
}

/** Generated sample events (`generate-event`), when the core offers them. */
export interface SampleEvents {
  list(): readonly { readonly id: string; readonly label: string; readonly description?: string }[];
  /** Samples matching the function's own triggers in its template, best first. */
  forFunction?(t: EventTarget): Promise<readonly { readonly id: string; readonly label: string; readonly description?: string }[]>;
  generate(id: string, functionName: string): Promise<string>;
}

const lastKey = (t: EventTarget): string => `lambdaWorkbench.lastEvent/${t.backendId}/${t.functionName}`;

/** The remembered last event of a function, re-read from disk when it was a file. */
export function lastUsedEvent(state: vscode.Memento, t: EventTarget): EventChoice | undefined {
  const r = state.get<Remembered>(lastKey(t));
  if (!r) return undefined;
  try {
    if (r.file) return { label: r.label, payload: readEvent(r.file), file: r.file };
  } catch {
    return undefined;
  }
  return r.text !== undefined ? { label: r.label, payload: Buffer.from(r.text) } : undefined;
}

/** Remembers `choice` as the function's last used event. */
export function rememberEvent(state: vscode.Memento, t: EventTarget, choice: EventChoice): Thenable<void> {
  const value: Remembered = choice.file ? { label: choice.label, file: choice.file } : { label: choice.label, text: choice.payload.toString('utf8') };
  return state.update(lastKey(t), value);
}

type Item = vscode.QuickPickItem & { readonly pick: () => Promise<EventChoice | undefined> };
const editButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('edit'), tooltip: 'Open this event file' };

/** Shows the picker; resolves undefined when dismissed. */
export async function pickEvent(state: vscode.Memento, t: EventTarget, samples: SampleEvents | undefined): Promise<EventChoice | undefined> {
  const items: Item[] = [];
  // The event of the function's own trigger comes first (Enter sends it), then the last used one.
  for (const s of (await samples?.forFunction?.(t)) ?? []) {
    items.push({ label: `$(zap) ${s.label} sample`, description: s.description, pick: () => chooseSample(t, samples!, s) });
  }
  const last = lastUsedEvent(state, t);
  if (last) items.push({ label: `$(history) ${last.label}`, description: 'last used', pick: async () => last });
  const saved = listSavedEvents(t.eventsDir, t.functionName);
  if (saved.length) items.push({ label: 'Saved events', kind: vscode.QuickPickItemKind.Separator, pick: async () => undefined });
  for (const s of saved) {
    items.push({
      label: `$(file) ${s.name}`,
      description: s.shared ? 'shared' : undefined,
      detail: vscode.workspace.asRelativePath(s.file),
      buttons: [editButton],
      pick: async () => ({ label: s.name, payload: readEvent(s.file), file: s.file }),
    });
  }
  items.push({ label: 'Other', kind: vscode.QuickPickItemKind.Separator, pick: async () => undefined });
  items.push({ label: '$(json) Empty event {}', pick: async () => ({ label: 'empty event {}', payload: Buffer.from('{}') }) });
  if (samples) items.push({ label: '$(sparkle) Sample event...', description: 'API Gateway, SQS, S3, SNS, EventBridge...', pick: () => pickSample(t, samples) });
  // Opened for editing, not sent: the user fills it in first and picks it from Saved events next time.
  items.push({ label: '$(new-file) New saved event...', description: `opens it for editing in ${vscode.workspace.asRelativePath(path.join(t.eventsDir, t.functionName))}`, pick: async () => void (await newSavedEvent(t, '{}\n', 'event', false)) });
  items.push({ label: '$(folder-opened) Choose a JSON file...', pick: () => browse() });

  const qp = vscode.window.createQuickPick<Item>();
  qp.title = `Event for ${t.functionName}`;
  qp.placeholder = 'Choose the event to send';
  qp.items = items;
  qp.matchOnDetail = true;
  const chosen = await new Promise<Item | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems[0]));
    qp.onDidHide(() => resolve(undefined));
    qp.onDidTriggerItemButton((e) => {
      const s = saved.find((x) => e.item.detail === vscode.workspace.asRelativePath(x.file));
      if (s) void vscode.window.showTextDocument(vscode.Uri.file(s.file));
      resolve(undefined);
    });
    qp.show();
  });
  qp.dispose();
  const choice = await chosen?.pick();
  if (choice) await rememberEvent(state, t, choice);
  return choice;
}

async function pickSample(t: EventTarget, samples: SampleEvents): Promise<EventChoice | undefined> {
  const pick = await vscode.window.showQuickPick(
    samples.list().map((s) => ({ label: s.label, description: s.description, id: s.id })),
    { title: `Sample event for ${t.functionName}`, placeHolder: 'Event source' },
  );
  if (!pick) return undefined;
  return chooseSample(t, samples, pick);
}

async function chooseSample(t: EventTarget, samples: SampleEvents, pick: { readonly id: string; readonly label: string }): Promise<EventChoice | undefined> {
  const text = await samples.generate(pick.id, t.functionName);
  const save = await vscode.window.showQuickPick(['Send it', 'Save it as a saved event, then send it'], { title: `${pick.label} sample event` });
  if (!save) return undefined;
  if (save.startsWith('Save')) return newSavedEvent(t, text, pick.label.replace(/[^\w.-]+/g, '-'));
  return { label: `${pick.label} sample`, payload: Buffer.from(text) };
}

/** Asks for a name, writes `<events>/<function>/<name>.json` and opens it; returns it as the choice (undefined when `send` is false). */
export async function newSavedEvent(t: EventTarget, text: string, suggested = 'event', send = true): Promise<EventChoice | undefined> {
  const name = await vscode.window.showInputBox({
    title: `New saved event for ${t.functionName}`,
    prompt: `Saved as ${vscode.workspace.asRelativePath(path.join(t.eventsDir, t.functionName))}/<name>.json`,
    value: suggested,
    validateInput: (v) => invalidEventName(v.replace(/\.json$/, '')),
  });
  if (!name) return undefined;
  const file = saveEvent(t.eventsDir, t.functionName, name.replace(/\.json$/, ''), text);
  await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
  if (!send) {
    void vscode.window.setStatusBarMessage(`$(edit) Edit ${path.basename(file)}, save it, then invoke ${t.functionName}: it is listed under Saved events.`, 10_000);
    return undefined;
  }
  return { label: path.basename(file, '.json'), payload: readEvent(file), file };
}

async function browse(): Promise<EventChoice | undefined> {
  const files = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { JSON: ['json'] }, openLabel: 'Use as event' });
  const file = files?.[0]?.fsPath;
  return file ? { label: path.basename(file), payload: readEvent(file), file } : undefined;
}
