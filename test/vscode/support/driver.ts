// The tests' side of the driver channel (scripts/e2e/driverServer.ts): screenshots, typing into the
// workbench, waiting for text on screen. Without a driver (test-electron) screenshots are skipped and
// `hasDriver` tells UI-typing tests to answer prompts through command arguments instead.
import * as vscode from 'vscode';

const url = process.env.LAMBDA_WORKBENCH_E2E_DRIVER;

/** Whether a browser driver is attached (code-server runs). */
export const hasDriver = url !== undefined;

async function post<T>(route: string, body: Record<string, unknown>): Promise<T> {
  if (!url) throw new Error('No end-to-end driver is attached');
  const res = await fetch(`${url}${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const out = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(`driver ${route}: ${out.error ?? res.status}`);
  return out;
}

/** Saves test-results/vscode/screenshots/<name>.png once `waitForText` shows (no-op without a driver). */
export async function screenshot(name: string, waitForText?: string, selector?: string): Promise<void> {
  if (!url) return;
  // Toasts of earlier steps would cover the view being shown.
  await vscode.commands.executeCommand('notifications.clearAll');
  await post('/screenshot', { name, ...(waitForText ? { waitForText } : {}), ...(selector ? { selector } : {}) });
}

/** Resolves true once `text` is on screen inside `selector` (false after the timeout). */
export async function waitForText(text: string, selector = 'body', timeoutMs = 15000): Promise<boolean> {
  return (await post<{ found: boolean }>('/waitForText', { text, selector, timeoutMs })).found;
}

/** Makes the side bar `width` pixels wide (no-op without a driver). */
export async function setSideBarWidth(width: number): Promise<void> {
  if (url) await post('/sideBarWidth', { width });
}

/** Types into the focused element of the workbench. */
export async function typeText(text: string): Promise<void> {
  await post('/type', { text });
}

/** Presses a key in the workbench. */
export async function press(key: 'Enter' | 'Escape' | 'ArrowDown' | 'ArrowUp' | 'Tab' | 'F5'): Promise<void> {
  await post('/press', { key });
}

/** Evaluates an expression in the workbench page. */
export async function evaluateInPage<T>(expression: string): Promise<T> {
  return (await post<{ value: T }>('/evaluate', { expression })).value;
}

/** Resolves true once the JS `condition` holds in the workbench page (re-checked on DOM changes). */
export async function waitForCondition(condition: string, timeoutMs = 15000): Promise<boolean> {
  return (await post<{ found: boolean }>('/waitFor', { condition, timeoutMs })).found;
}

/** Evaluates `expression` in the first frame (e.g. a webview) where `match` holds. */
export async function evaluateInFrame<T>(match: string, expression: string, timeoutMs = 15000): Promise<T> {
  return (await post<{ value: T }>('/evaluateInFrame', { match, expression, timeoutMs })).value;
}

/** Progress lines in the driver's output. */
export async function driverLog(line: string): Promise<void> {
  if (url) await post('/log', { line }).catch(() => undefined);
}

export async function postResults(results: unknown): Promise<void> {
  if (url) await post('/results', results as Record<string, unknown>);
}
