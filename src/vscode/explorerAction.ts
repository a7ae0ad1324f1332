// How explorer commands run a backend operation: a progress notification only when it turns out slow
// (local operations finish before one would even show) and a clear error message when it fails.
import * as vscode from 'vscode';
import { backendErrorCode } from './backends/lambdaBackend';

/** Operations that take longer than this get a progress notification. */
const SLOW_MS = 600;

/** Runs `op`; on failure shows "<what> failed: <Exception>: <message>" and resolves undefined. */
export async function explorerAction<T>(what: string, op: () => Promise<T>, withProgress = true): Promise<T | undefined> {
  try {
    return withProgress ? await withSlowProgress(what, op()) : await op();
  } catch (e) {
    const name = backendErrorCode(e);
    const code = name ? `${name}: ` : '';
    void vscode.window.showErrorMessage(`${what} failed: ${code}${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

/** Shows a progress notification titled `what...` if `work` is still running after SLOW_MS. */
export function withSlowProgress<T>(what: string, work: Promise<T>): Promise<T> {
  const timer = setTimeout(() => void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${what}...` }, () => work.catch(() => undefined)), SLOW_MS);
  return work.finally(() => clearTimeout(timer));
}

/** The automation arguments a command was given (a keybinding or a test), ignoring VS Code's own extras. */
export function answersOf<T extends object>(arg: unknown): Partial<T> {
  return arg && typeof arg === 'object' && !Array.isArray(arg) && !('kind' in arg) ? (arg) : {};
}
