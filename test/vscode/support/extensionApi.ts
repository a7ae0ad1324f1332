// The extension under test: its API (what activate() returns) and waiting for conditions that change
// on VS Code or engine events (never on sleeps).
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';

export const EXTENSION_ID = 'lambda-workbench.lambda-workbench';

/** Activates the extension (if needed) and returns its API. */
export async function getApi(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded in this window`);
  return ext.isActive ? ext.exports : ext.activate();
}

/** Disposes the engine at the end of the run so its processes stop before the host exits. */
export async function disposeEngine(): Promise<void> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!ext?.isActive) return;
  // Only an engine this window owns (getEngine would wait while another process owns it).
  const role = ext.exports.host.role;
  if (role.kind === 'owner') await role.engine.dispose();
}

/** Resolves with `check()`'s first truthy value, re-checking whenever one of `events` fires. */
export function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, events: readonly vscode.Event<unknown>[], timeoutMs = 20000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const subs: vscode.Disposable[] = [];
    let done = false;
    const finish = (err: Error | undefined, value?: T): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      subs.forEach((s) => s.dispose());
      if (err) reject(err);
      else resolve(value as T);
    };
    const timer = setTimeout(() => finish(new Error(`Timed out waiting for ${what}`)), timeoutMs);
    const attempt = async (): Promise<void> => {
      try {
        const v = await check();
        if (v) finish(undefined, v);
      } catch (e) {
        finish(e as Error);
      }
    };
    for (const e of events) subs.push(e(() => void attempt()));
    void attempt();
  });
}

/** A VS Code event from a Node EventEmitter event. */
export function fromEmitter(emitter: NodeJS.EventEmitter, name: string): vscode.Event<unknown> {
  return (listener) => {
    const fn = (...a: unknown[]): void => listener(a[0]);
    emitter.on(name, fn);
    return new vscode.Disposable(() => emitter.off(name, fn));
  };
}
