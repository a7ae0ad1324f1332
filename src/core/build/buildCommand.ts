// Runs one build tool (npm, pip, make, go, cargo) as a child process: output is streamed line by line for
// progress and kept for the error, and an AbortSignal kills the tool with every process it started.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { WorkbenchError } from '../errors';

export interface CommandOptions {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal | undefined;
  /** Each line of stdout and stderr, as it comes. */
  readonly onLine?: (line: string) => void;
}

export interface CommandResult {
  readonly code: number;
  readonly output: string;
}

/** Lines of output kept for an error message (the end is what explains a failure). */
const KEPT_LINES = 60;

/** The command as a user would type it in a shell, to reproduce a failed build step. */
export function shellLine(command: string, args: readonly string[], cwd?: string, env: Readonly<Record<string, string>> = {}): string {
  const q = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const vars = Object.entries(env).map(([k, v]) => `${k}=${q(v)} `).join('');
  return `${cwd ? `cd ${q(cwd)} && ` : ''}${vars}${[command, ...args].map(q).join(' ')}`;
}

/** Thrown when a build was cancelled through its AbortSignal. */
export class BuildCancelledError extends WorkbenchError {
  constructor(what: string) {
    super(`The build of ${what} was cancelled.`, 'BuildCancelled');
  }
}

/** Runs the command to completion; resolves with its exit code and output (never rejects on a non-zero exit). */
export function runCommand(command: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new BuildCancelledError(command));
    const lines: string[] = [];
    let dropped = 0;
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Not detached: Ctrl-C in a terminal reaches the tool with the CLI. Cancelling walks the tree instead.
    });
    const onAbort = (): void => {
      if (child.pid !== undefined) killTree(child.pid);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const take = (stream: NodeJS.ReadableStream): void => {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const parts = (rest + chunk).split(/\r?\n|\r/);
        rest = parts.pop() ?? '';
        for (const l of parts) keep(l);
      });
      stream.on('end', () => {
        if (rest) keep(rest);
        rest = '';
      });
    };
    const keep = (line: string): void => {
      lines.push(line);
      if (lines.length > KEPT_LINES) {
        lines.shift();
        dropped++;
      }
      options.onLine?.(line);
    };
    take(child.stdout);
    take(child.stderr);
    child.once('error', (e: NodeJS.ErrnoException) => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(e.code === 'ENOENT' ? new WorkbenchError(`${command} was not found on PATH: install it to build this function, then try again.`, 'BuildToolMissing') : e);
    });
    child.once('close', (code, sig) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (options.signal?.aborted) return reject(new BuildCancelledError(command));
      const output = (dropped ? [`... (${dropped} earlier lines)`, ...lines] : lines).join('\n');
      resolve({ code: code ?? (sig ? 128 : 1), output });
    });
  });
}

/** Kills `pid` and every process it started (read from /proc on Linux; elsewhere only `pid`). */
export function killTree(pid: number): void {
  // Stop the tool first so it starts nothing new while its descendants are collected.
  signal(pid, 'SIGSTOP');
  const all = [pid, ...descendants(pid)];
  for (const p of all) signal(p, 'SIGKILL');
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

function descendants(pid: number): number[] {
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.shift()!;
    let tasks: string[];
    try {
      tasks = fs.readdirSync(`/proc/${p}/task`);
    } catch {
      continue;
    }
    for (const t of tasks) {
      let text = '';
      try {
        text = fs.readFileSync(`/proc/${p}/task/${t}/children`, 'latin1').trim();
      } catch {
        // The task ended.
      }
      for (const c of text ? text.split(' ').map(Number) : []) {
        signal(c, 'SIGSTOP');
        out.push(c);
        queue.push(c);
      }
    }
  }
  return out;
}
