// F5 on ruby3.x functions: the bootstrap runs under the debug gem's server (`-r debug/open`, stopped
// until a client attaches); VS Code's rdbg extension attaches from the `lambdaWorkbench.attach` event.
import { execFile } from 'node:child_process';
import type { Emulator } from '../../core/emulator';
import { WorkbenchError } from '../../core/errors';
import { freePort } from './freePort';
import type { TargetOptions } from '../debugTarget';
import type { HandOff } from './handOffTarget';

/** Whether `ruby` can load the debug gem (>= 1.0, which has the DAP server). */
function hasDebugGem(ruby: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(ruby, ['-e', "gem 'debug', '>= 1.0'; require 'debug/version'; print DEBUGGER__::VERSION"], { timeout: 10_000 }, (err, out) => resolve(err ? undefined : out.trim()));
  });
}

export async function rubyHandOff(engine: Emulator, options: TargetOptions): Promise<HandOff> {
  const interp = await engine.catalog.resolve(options.config.runtime);
  const version = await hasDebugGem(interp.executable);
  if (!version) {
    throw new WorkbenchError(
      `Debugging Ruby needs the debug gem (1.0 or newer), which ${interp.executable} cannot load. Install it with \`gem install debug\` (it ships with Ruby 3.1 and newer as a bundled gem), then start debugging again.`,
      'DebugGemMissing',
    );
  }
  const port = await freePort();
  return {
    debuggerName: 'the Ruby debugger (rdbg)',
    interpreter: interp,
    interpreterArgs: ['-r', 'debug/open'],
    extraEnv: { RUBY_DEBUG_HOST: '127.0.0.1', RUBY_DEBUG_PORT: String(port) },
    attach: { type: 'rdbg', request: 'attach', name: `Attach to ${options.config.functionName} (rdbg)`, debugPort: `127.0.0.1:${port}` },
    listening: new RegExp(`DEBUGGER: Debugger can attach via TCP/IP \\(127\\.0\\.0\\.1:${port}\\)`),
    hint: `${options.config.functionName}: Ruby waits for the debug gem's client on 127.0.0.1:${port} (debug ${version}). VS Code attaches with the rdbg extension; from a shell: rdbg --attach 127.0.0.1 ${port}`,
  };
}
