// What a benchmark ran on: CPU, cores, memory, OS, Node and Python versions, load, date.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly python: string;
  /** 1-minute load average when the run started (other work on the machine skews figures). */
  readonly loadAtStart: number;
  readonly date: string;
}

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(fs.readFileSync('/etc/os-release', 'utf8'))?.[1];
    if (pretty) return `${pretty}, kernel ${os.release()}`;
  } catch {
    // not Linux
  }
  return `${os.type()} ${os.release()}`;
}

/** Describes this machine; `python` is the interpreter the benchmarks run. */
export function describeMachine(python = '/usr/bin/python3'): Machine {
  const r = spawnSync(python, ['--version'], { encoding: 'utf8' });
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: osName(),
    node: process.version,
    python: r.status === 0 ? `${(r.stdout || r.stderr).trim()} (${python})` : `not found (${python})`,
    loadAtStart: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
    date: new Date().toISOString(),
  };
}

/** The machine as Markdown bullet lines. */
export function machineMarkdown(m: Machine): string {
  return [
    `- CPU: ${m.cpu}, ${m.cores} cores`,
    `- Memory: ${m.memoryGiB} GiB`,
    `- OS: ${m.os}`,
    `- Node.js ${m.node}; ${m.python}`,
    `- Load average when the run started: ${m.loadAtStart}`,
    `- Date: ${m.date}`,
  ].join('\n');
}
