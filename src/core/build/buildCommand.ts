// Runs one build tool (npm, pip, make, go, cargo) as a child process in its own process group: output
// is streamed line by line for progress and kept for the error, and an AbortSignal kills the whole tree.
import { spawn } from 'node:child_process';
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
      // Its own process group, so cancelling kills npm's or make's children too.
      detached: true,
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

/** Kills the process group led by `pid` (the tool and everything it started). */
export function killTree(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
