// Crash safety: runs `lambda-workbench serve` as its own process, SIGKILLs it at random moments while
// clients publish versions, update an alias, queue Event invocations and write logs (all through the AWS
// SDK), restarts it and checks that the state loads, no acknowledged publish or alias update and no
// accepted (202) event is lost, and no torn log line is served. Usage: node --import tsx scripts/crash.ts
// [--cycles 100] [--seed S]; exit status 0 when every check held.
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateAliasCommand, GetAliasCommand, InvokeCommand, LambdaClient, ListVersionsByFunctionCommand, PublishVersionCommand, UpdateAliasCommand } from '@aws-sdk/client-lambda';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { findEngineProcesses } from '../test/support/processes';
import { waitFor } from '../test/support/wait';
import { seedFrom, seededRandom, type Random } from '../test/support/seededRandom';
import { FUNCTION, isWholeLogLine, ranIds, writeCrashWorkspace, writeHandler } from './crashFixture';

const cli = path.join(__dirname, '..', 'bin', 'lambda-workbench.js');

export interface CrashReport {
  readonly seed: number;
  readonly cycles: number;
  readonly published: number;
  readonly aliasUpdates: number;
  readonly accepted: number;
  readonly logEventsChecked: number;
  /** Every broken promise, e.g. "cycle 7: version 12 acknowledged but missing". */
  readonly problems: string[];
  readonly seconds: number;
}

interface Engine {
  readonly child: ChildProcess;
  url: Promise<string>;
  output: string;
}

function startEngine(template: string): Engine {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--no-watch', '--template', template], { stdio: ['ignore', 'pipe', 'pipe'] });
  const engine: Engine = { child, output: '', url: Promise.resolve('') };
  engine.url = new Promise((resolve, reject) => {
    const onData = (c: Buffer): void => {
      engine.output += c.toString();
      const m = /serving \d+ function\(s\) at (http:\/\/127\.0\.0\.1:\d+)/.exec(engine.output);
      if (m) resolve(m[1] as string);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code, signal) => reject(new Error(`serve exited (${signal ?? code}) before listening:\n${engine.output}`)));
  });
  engine.url.catch(() => undefined);
  return engine;
}

/** SIGKILLs the engine (only its own pid: its runtimes must die with it) and waits until nothing of it runs. */
async function kill(engine: Engine): Promise<string | undefined> {
  const pid = engine.child.pid as number;
  if (engine.child.exitCode === null && engine.child.signalCode === null) {
    const exited = new Promise((r) => engine.child.once('exit', r));
    engine.child.kill('SIGKILL');
    await exited;
  }
  try {
    await waitFor(() => findEngineProcesses(pid).length === 0, 5000, 'runtimes of the killed engine to end');
    return undefined;
  } catch {
    return `processes of killed engine ${pid} still alive: ${findEngineProcesses(pid).join(', ')}`;
  }
}

interface State {
  build: number;
  /** Version -> CodeSha256 of every acknowledged (201) publish. */
  readonly versions: Map<string, string>;
  /** Last acknowledged alias version, and updates sent but not acknowledged since. */
  alias: { version: string; inFlight: string[] } | undefined;
  readonly accepted: Set<string>;
  nextEvent: number;
  aliasUpdates: number;
}

/** Clients publishing, moving the alias, queueing events and invoking until `stop` resolves. */
async function workload(url: string, dir: string, state: State, rng: Random, stop: Promise<void>, problems: string[], cycle: number): Promise<void> {
  let stopped = false;
  void stop.then(() => (stopped = true));
  const lambda = new LambdaClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'crash', secretAccessKey: 'crash' }, maxAttempts: 1 });
  const noteFailure = (what: string) => (e: unknown): void => {
    const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (!stopped || (status !== undefined && status >= 500)) problems.push(`cycle ${cycle}: ${what} failed${status ? ` with ${status}` : ''}: ${(e as Error).message}`);
  };
  const publisher = async (): Promise<void> => {
    while (!stopped) {
      writeHandler(dir, ++state.build);
      const r = await lambda.send(new PublishVersionCommand({ FunctionName: FUNCTION, Description: `build ${state.build}` })).catch(noteFailure('PublishVersion'));
      if (r?.Version) state.versions.set(r.Version, r.CodeSha256 ?? '');
    }
  };
  const aliaser = async (): Promise<void> => {
    while (!stopped) {
      const versions = [...state.versions.keys()];
      if (versions.length === 0) {
        await new Promise((r) => setTimeout(r, 5));
        continue;
      }
      const version = rng.pick(versions);
      const extra = versions.find((v) => v !== version);
      const routing = extra && rng.next() < 0.3 ? { AdditionalVersionWeights: { [extra]: 0.25 } } : undefined;
      const current = state.alias;
      current?.inFlight.push(version);
      const send = current
        ? lambda.send(new UpdateAliasCommand({ FunctionName: FUNCTION, Name: 'live', FunctionVersion: version, RoutingConfig: routing ?? { AdditionalVersionWeights: {} } }))
        : lambda.send(new CreateAliasCommand({ FunctionName: FUNCTION, Name: 'live', FunctionVersion: version, ...(routing ? { RoutingConfig: routing } : {}) }));
      const r = await send.catch(noteFailure(current ? 'UpdateAlias' : 'CreateAlias'));
      if (r) {
        state.alias = { version, inFlight: [] };
        state.aliasUpdates++;
      }
    }
  };
  const queuer = async (): Promise<void> => {
    while (!stopped) {
      const id = `e${state.nextEvent++}`;
      const r = await lambda.send(new InvokeCommand({ FunctionName: FUNCTION, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify({ id })) })).catch(noteFailure('Invoke (Event)'));
      if (r?.StatusCode === 202) state.accepted.add(id);
    }
  };
  const invoker = async (): Promise<void> => {
    while (!stopped) {
      const r = await lambda.send(new InvokeCommand({ FunctionName: FUNCTION, Payload: Buffer.from('{}') })).catch(noteFailure('Invoke'));
      if (r && r.FunctionError) problems.push(`cycle ${cycle}: sync invoke failed: ${Buffer.from(r.Payload ?? []).toString()}`);
    }
  };
  await Promise.all([publisher(), aliaser(), queuer(), queuer(), invoker()]);
  lambda.destroy();
}

/** Checks what a restarted engine serves against what was acknowledged before the kill. */
async function verify(url: string, state: State, since: number, problems: string[], cycle: number): Promise<number> {
  const lambda = new LambdaClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'crash', secretAccessKey: 'crash' }, maxAttempts: 1 });
  const logs = new CloudWatchLogsClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'crash', secretAccessKey: 'crash' }, maxAttempts: 1 });
  try {
    const listed = new Map<string, string>();
    let marker: string | undefined;
    do {
      const page = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: FUNCTION, ...(marker ? { Marker: marker } : {}) }));
      for (const v of page.Versions ?? []) listed.set(v.Version as string, v.CodeSha256 as string);
      marker = page.NextMarker;
    } while (marker);
    for (const [v, sha] of state.versions) {
      if (!listed.has(v)) problems.push(`cycle ${cycle}: version ${v} was acknowledged but is gone`);
      else if (listed.get(v) !== sha) problems.push(`cycle ${cycle}: version ${v} has CodeSha256 ${listed.get(v)}, acknowledged ${sha}`);
    }
    const alias = await lambda.send(new GetAliasCommand({ FunctionName: FUNCTION, Name: 'live' })).catch((e: unknown) => {
      if ((e as Error).name !== 'ResourceNotFoundException') throw e;
      return undefined;
    });
    if (state.alias) {
      const allowed = [state.alias.version, ...state.alias.inFlight];
      if (!alias) problems.push(`cycle ${cycle}: alias live was acknowledged but is gone`);
      else if (!allowed.includes(alias.FunctionVersion as string)) problems.push(`cycle ${cycle}: alias live points to ${alias.FunctionVersion}, acknowledged ${state.alias.version}`);
    }
    // A CreateAlias cut short by the kill may have landed: go on from what the engine has.
    state.alias = alias ? { version: alias.FunctionVersion as string, inFlight: [] } : undefined;
    let checked = 0;
    let nextToken: string | undefined;
    do {
      const page = await logs.send(new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${FUNCTION}`, startTime: since, ...(nextToken ? { nextToken } : {}) })).catch((e: unknown) => {
        // Before the first invocation there is no log group yet.
        if ((e as Error).name === 'ResourceNotFoundException') return { events: [], nextToken: undefined };
        throw e;
      });
      for (const e of page.events ?? []) {
        checked++;
        if (!isWholeLogLine(e.message ?? '')) problems.push(`cycle ${cycle}: torn log line in ${e.logStreamName}: ${JSON.stringify(e.message).slice(0, 120)}`);
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return checked;
  } finally {
    lambda.destroy();
    logs.destroy();
  }
}

/** Runs `cycles` kill/restart cycles in a new workspace. */
export async function runCrashSafety(options: { cycles: number; seed: number; log?: (line: string) => void }): Promise<CrashReport> {
  const started = performance.now();
  const rng = seededRandom(options.seed);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-crash-'));
  const template = writeCrashWorkspace(dir);
  const state: State = { build: 0, versions: new Map(), alias: undefined, accepted: new Set(), nextEvent: 0, aliasUpdates: 0 };
  const problems: string[] = [];
  let logEventsChecked = 0;
  let since = Date.now();
  try {
    for (let cycle = 0; cycle <= options.cycles; cycle++) {
      const last = cycle === options.cycles;
      const engine = startEngine(template);
      // Some kills land during start-up (state loading, lock take-over, template sync).
      if (!last && rng.next() < 0.15) {
        await new Promise((r) => setTimeout(r, rng.int(400)));
        const leak = await kill(engine);
        if (leak) problems.push(`cycle ${cycle}: ${leak}`);
        continue;
      }
      let url: string;
      try {
        url = await Promise.race([engine.url, new Promise<string>((_, reject) => setTimeout(() => reject(new Error('serve did not listen within 20 s')), 20_000))]);
      } catch (e) {
        problems.push(`cycle ${cycle}: the state did not load: ${(e as Error).message}`);
        await kill(engine);
        break;
      }
      const cycleStart = Date.now();
      logEventsChecked += await verify(url, state, since, problems, cycle).catch((e: unknown) => (problems.push(`cycle ${cycle}: checks failed: ${(e as Error).message}`), 0));
      since = cycleStart;
      if (last) {
        // Every accepted event must run eventually (at least once).
        try {
          await waitFor(() => [...state.accepted].every((id) => ranIds(dir).has(id)), 60_000, 'accepted events to run');
        } catch {
          const ran = ranIds(dir);
          const lost = [...state.accepted].filter((id) => !ran.has(id));
          problems.push(`${lost.length} accepted events never ran: ${lost.slice(0, 10).join(', ')}`);
        }
        const exited = new Promise<number | null>((r) => engine.child.once('exit', (code) => r(code)));
        engine.child.kill('SIGTERM');
        const code = await exited;
        if (code !== 0) problems.push(`the engine did not stop cleanly after the last cycle (exit ${code}):\n${engine.output.slice(-500)}`);
        break;
      }
      let stop: () => void = () => undefined;
      const stopped = new Promise<void>((r) => (stop = r));
      const work = workload(url, dir, state, rng, stopped, problems, cycle);
      await new Promise((r) => setTimeout(r, 50 + rng.int(700)));
      stop();
      const leak = await kill(engine);
      await work;
      if (leak) problems.push(`cycle ${cycle}: ${leak}`);
      options.log?.(`crash: cycle ${cycle + 1}/${options.cycles}: ${state.versions.size} versions, ${state.accepted.size} events accepted, ${problems.length} problems`);
    }
  } finally {
    if (process.env.CRASH_KEEP) options.log?.(`crash: workspace kept at ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
  return { seed: options.seed, cycles: options.cycles, published: state.versions.size, aliasUpdates: state.aliasUpdates, accepted: state.accepted.size, logEventsChecked, problems, seconds: (performance.now() - started) / 1000 };
}

if (require.main === module) {
  const { values } = parseArgs({ options: { cycles: { type: 'string' }, seed: { type: 'string' } } });
  const seed = seedFrom(values.seed ?? process.env.CRASH_SEED);
  process.stderr.write(`crash: seed ${seed} (replay with --seed ${seed})\n`);
  runCrashSafety({ cycles: Number(values.cycles ?? 100), seed, log: (l) => process.stderr.write(`${l}\n`) }).then((r) => {
    process.stdout.write(
      `crash: ${r.cycles} SIGKILL cycles in ${r.seconds.toFixed(0)} s, seed ${r.seed}: ${r.published} versions published, ${r.aliasUpdates} alias updates, ` +
        `${r.accepted} events accepted, ${r.logEventsChecked} log events checked\n` +
        (r.problems.length ? `  problems:\n    ${r.problems.slice(0, 30).join('\n    ')}\n` : '') +
        `crash: ${r.problems.length === 0 ? 'PASS' : 'FAIL'}\n`,
    );
    process.exitCode = r.problems.length === 0 ? 0 : 1;
  }, (e: unknown) => {
    process.stderr.write(`crash: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 2;
  });
}
