// Agent mode's tools (vscode.lm.registerTool, contributed as languageModelTools): list functions, invoke
// one (result view included), read its logs with a CloudWatch filter pattern, start a debug session.
import * as vscode from 'vscode';
import { filterEvents } from '../../core/logs/filterEvents';
import { compileFilterPattern } from '../../core/logs/filterPattern/filterPattern';
import { SecretMasker } from '../../core/security/secrets';
import type { BackendSet } from '../backends/backendSet';
import type { FunctionSummary } from '../backends/lambdaBackend';
import { commandIds } from '../contributionIds';
import { toolNames } from './agentIds';
import type { EngineHost } from '../engineHost';
import { eventTargetOf } from '../invoke/runInvoke';
import type { StoredResult } from '../invoke/invokeResults';
import { listSavedEvents } from '../invoke/savedEvents';

interface InvokeInput {
  readonly functionName: string;
  readonly qualifier?: string;
  readonly event?: unknown;
  readonly savedEvent?: string;
}
interface LogsInput {
  readonly functionName: string;
  readonly filterPattern?: string;
  readonly minutes?: number;
  readonly limit?: number;
}

const json = (doc: unknown): vscode.LanguageModelToolResult => new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(JSON.stringify(doc, null, 2))]);

/** A local function by name or logical id, or an error that lists the real names. */
async function findFunction(backends: BackendSet, name: string): Promise<FunctionSummary> {
  const functions = await (await backends.getLocal()).listFunctions();
  const fn = functions.find((f) => f.name === name || f.local?.logicalId === name);
  if (!fn) throw new Error(`No function '${name}' in the workspace. The functions are: ${functions.map((f) => f.name).join(', ') || 'none'}.`);
  return fn;
}

// The command arguments for an event: a saved event's file, the inline event, or {}.
async function eventArgs(backends: BackendSet, fn: FunctionSummary, input: InvokeInput): Promise<{ eventFile: string } | { event: unknown }> {
  if (input.savedEvent === undefined) return { event: input.event ?? {} };
  const target = eventTargetOf(await backends.getLocal(), fn);
  const saved = listSavedEvents(target.eventsDir, fn.name);
  const hit = saved.find((e) => e.name === input.savedEvent?.replace(/\.json$/, ''));
  if (!hit) throw new Error(`No saved event '${input.savedEvent}' for ${fn.name}; saved events: ${saved.map((e) => e.name).join(', ') || 'none'} (in ${target.eventsDir}).`);
  return { eventFile: hit.file };
}

/** Registers the tools; they run on the workspace's engine, as the editor's own commands do. */
export function registerLanguageModelTools(context: vscode.ExtensionContext, host: EngineHost, backends: BackendSet): void {
  const listFunctions: vscode.LanguageModelTool<Record<string, never>> = {
    invoke: async () => {
      const backend = await backends.getLocal();
      const functions = await backend.listFunctions();
      return json({
        functions: functions.map((f) => {
          const saved = listSavedEvents(eventTargetOf(backend, f).eventsDir, f.name).map((e) => e.name);
          return { name: f.name, runtime: f.runtime, handler: f.handler, memorySize: f.memorySize, timeout: f.timeout, codeDir: f.local?.codeDir, savedEvents: saved };
        }),
      });
    },
  };
  const invoke: vscode.LanguageModelTool<InvokeInput> = {
    prepareInvocation: (options) => ({
      invocationMessage: `Invoking ${options.input.functionName}`,
      confirmationMessages: { title: 'Invoke a Lambda function', message: new vscode.MarkdownString(`Run **${options.input.functionName}** locally with ${options.input.savedEvent ? `the saved event \`${options.input.savedEvent}\`` : 'the given event'}? Its code runs on this machine.`) },
    }),
    invoke: async (options) => {
      const fn = await findFunction(backends, options.input.functionName);
      const stored = (await vscode.commands.executeCommand<StoredResult | undefined>(commandIds.invokeWith, {
        functionName: fn.name,
        ...(options.input.qualifier ? { qualifier: options.input.qualifier } : {}),
        ...(await eventArgs(backends, fn, options.input)),
      }));
      if (!stored) throw new Error(`Invoking ${fn.name} did not complete; the notification and the Lambda Workbench output say why.`);
      const r = stored.result;
      let payload: unknown = r.payload;
      try {
        payload = JSON.parse(r.payload);
      } catch {
        // Not JSON: the text as is.
      }
      return json({
        requestId: r.requestId,
        functionName: fn.name,
        executedVersion: r.executedVersion,
        ...(r.errorType ? { functionError: r.errorType } : {}),
        payload,
        coldStart: r.coldStart,
        durationMs: r.durationMs,
        initDurationMs: r.initDurationMs,
        maxMemoryUsedMb: r.maxMemoryUsedMb,
        log: r.logLines.join('').replace(/\n$/, ''),
      });
    },
  };
  const readLogs: vscode.LanguageModelTool<LogsInput> = {
    prepareInvocation: (options) => ({ invocationMessage: `Reading the logs of ${options.input.functionName}` }),
    invoke: async (options) => {
      const engine = await host.getEngine();
      const { functionName, filterPattern } = options.input;
      const group = functionName.startsWith('/') ? functionName : (engine.getFunction(functionName)?.latest.logging.logGroup ?? `/aws/lambda/${functionName}`);
      const limit = Math.min(Math.max(options.input.limit ?? 200, 1), 5000);
      const startTime = Date.now() - (options.input.minutes ?? 30) * 60_000;
      const g = engine.getLogGroup(group);
      if (!g) return json({ logGroup: group, events: [], note: 'No log group yet: the function has not run in this workspace.' });
      await engine.whenLogsFlushed();
      const masker = new SecretMasker(engine.listFunctions().map((e) => e.latest.environment));
      const events: { timestamp: string; stream: string; message: string }[] = [];
      let cursor;
      do {
        const page = await filterEvents({ streams: [...g.streams.values()], filter: compileFilterPattern(filterPattern), startTime, limit: 10_000, maxBytes: 8 * 1024 * 1024, ...(cursor ? { cursor } : {}) });
        for (const m of page.matches) events.push({ timestamp: new Date(m.event.timestamp).toISOString(), stream: m.stream.name, message: masker.mask(m.event.message).replace(/\n$/, '') });
        cursor = page.cursor;
      } while (cursor && events.length < 50_000);
      return json({ logGroup: group, ...(events.length > limit ? { omittedOlderEvents: events.length - limit } : {}), events: events.slice(-limit) });
    },
  };
  const debug: vscode.LanguageModelTool<InvokeInput> = {
    prepareInvocation: (options) => ({
      invocationMessage: `Starting a debug session of ${options.input.functionName}`,
      confirmationMessages: { title: 'Debug a Lambda function', message: new vscode.MarkdownString(`Start the debugger on **${options.input.functionName}**? It stops at the breakpoints set in its code.`) },
    }),
    invoke: async (options) => {
      const fn = await findFunction(backends, options.input.functionName);
      const started = await vscode.commands.executeCommand<boolean>(commandIds.debugWith, {
        functionName: fn.name,
        ...(options.input.qualifier ? { qualifier: options.input.qualifier } : {}),
        ...(await eventArgs(backends, fn, options.input)),
      });
      if (!started) throw new Error(`The debug session of ${fn.name} did not start; the Debug Console and the Lambda Workbench output say why.`);
      return json({ started: true, functionName: fn.name, session: vscode.debug.activeDebugSession?.name, note: 'The debugger stops at breakpoints in the handler; the response and log appear in the Debug Console and the logs (read them with lambdaWorkbench_readLogs).' });
    },
  };
  context.subscriptions.push(
    vscode.lm.registerTool(toolNames.listFunctions, listFunctions),
    vscode.lm.registerTool(toolNames.invoke, invoke),
    vscode.lm.registerTool(toolNames.readLogs, readLogs),
    vscode.lm.registerTool(toolNames.debug, debug),
  );
}
