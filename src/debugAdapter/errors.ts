// Every problem the debug adapter reports to the user, in one place: each says what went wrong and
// what to do about it.
import { WorkbenchError } from '../core/errors';

const err = (code: string, message: string): WorkbenchError => new WorkbenchError(message, code);

/** User-facing debugger errors (WorkbenchError with a `Debug...` code). */
export const debugErrors = {
  badLaunch: (message: string) => err('DebugLaunchConfig', `Invalid "lambda" launch configuration: ${message}`),
  noTemplate: (dir: string) =>
    err('DebugNoTemplate', `No SAM template (template.yaml, template.yml or template.json) in ${dir}: set "template", or launch template-less with "handler", "runtime" and "codeUri".`),
  unknownFunction: (name: string, known: readonly string[]) =>
    err('DebugUnknownFunction', `The template has no function "${name}". Functions: ${known.length ? known.join(', ') : '(none)'}.`),
  functionProblem: (name: string, problem: string) => err('DebugFunctionProblem', `${name} cannot run until its template is fixed: ${problem}`),
  eventFile: (file: string, reason: string) => err('DebugEvent', `Cannot use the event file ${file}: ${reason}`),
  unsupportedRuntime: (runtime: string) =>
    err('DebugUnsupportedRuntime', `Functions on ${runtime} cannot be debugged here: the debugger supports nodejs*, python3.*, java* and ruby3.* runtimes (custom runtimes run their own debugger).`),
  debugpyMissing: (tried: readonly string[]) =>
    err(
      'DebugpyMissing',
      `Debugging Python needs debugpy, which none of ${tried.join(', ')} can import. Install it into the function's interpreter: \`${tried[0] ?? 'python3'} -m pip install debugpy\` (or, for Debian's /usr/bin/python3, \`apt-get install python3-debugpy\`).`,
    ),
  runtimeExited: (lines: string) =>
    err('DebugRuntimeExited', `The function's runtime exited before the debugger could attach.${lines ? `\n${lines}` : ''}`),
  attachTimeout: (what: string, ms: number) => err('DebugAttachTimeout', `The debugger could not attach to ${what} within ${ms / 1000} s.`),
  inspectorUnreachable: (url: string, reason: string) => err('DebugInspector', `Cannot connect to the Node.js inspector at ${url}: ${reason}`),
  busy: (requestId: string) =>
    err('DebugBusy', `An invocation (${requestId}) is still running in this environment: continue it (or stop debugging) before invoking again.`),
  notRunning: () => err('DebugNotRunning', 'The debug session has no execution environment yet: wait for the launch to finish.'),
  notStopped: () => err('DebugNotStopped', 'The function is running: pause it or wait for a breakpoint first.'),
  unknownReference: (what: string) => err('DebugStale', `That ${what} is no longer available (the function resumed since).`),
};
