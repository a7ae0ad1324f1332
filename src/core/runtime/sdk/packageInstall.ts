// Runs a package manager (npm, pip) for the runtime-SDK cache: captured output for the error message,
// cancellable, with the user's own configuration (registry, index, proxy) left in place.
import { spawn } from 'node:child_process';

export interface InstallResult {
  readonly ok: boolean;
  readonly output: string;
  readonly command: string;
}

/** Runs `command args` to completion; never rejects (a missing program is a failed result). */
export function runInstaller(command: string, args: readonly string[], options: { cwd?: string; signal?: AbortSignal } = {}): Promise<InstallResult> {
  const shown = [command, ...args].map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ');
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', PIP_DISABLE_PIP_VERSION_CHECK: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const keep = (c: Buffer): void => {
      output = (output + c.toString('utf8')).slice(-8000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (e) => resolve({ ok: false, output: output + e.message, command: shown }));
    child.on('close', (code) => resolve({ ok: code === 0, output: output.trim(), command: shown }));
  });
}
