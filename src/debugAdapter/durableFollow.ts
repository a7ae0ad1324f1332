// F5 on a durable function: the launch starts a durable execution whose replays all run in the debug
// environment (breakpoints hit on each replay); this follows them for the debug console and the
// Lambda scope (execution ARN, replay number, operations replayed, new and updated).
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { ReplayInfo } from '../core/durable/durableEngine';
import type { Emulator } from '../core/emulator';
import type { InvokeRequest, InvokeResponse } from '../core/invoke/invoker';
import type { ExecutionEnvironment } from '../core/runtime/executionEnvironment';

interface ReplayState {
  readonly info: ReplayInfo;
  /** Operation ids that existed when this invocation started (the rest are new in it). */
  readonly known: ReadonlySet<string>;
}

const text = (name: string, value: string): DebugProtocol.Variable => ({ name, value: JSON.stringify(value), type: 'string', variablesReference: 0 });
const plain = (name: string, value: string): DebugProtocol.Variable => ({ name, value, variablesReference: 0, presentationHint: { attributes: ['readOnly'] } });

/** Follows the durable executions a debug session started; one per session. */
export class DurableFollower {
  private current: ReplayState | undefined;
  private readonly off: () => void;

  constructor(
    private readonly engine: Emulator,
    private readonly environment: () => ExecutionEnvironment | undefined,
    private readonly output: (line: string) => void,
  ) {
    const onReplay = (info: ReplayInfo): void => {
      const mine = (info.environment !== undefined && info.environment === this.environment()) || info.arn === this.current?.info.arn;
      if (!mine) return;
      const e = this.engine.durable.get(info.arn);
      this.current = { info, known: new Set(e.operations.keys()) };
      const updated = info.updated.map((id) => this.describe(info.arn, id)).filter((d) => d !== undefined);
      this.output(`Durable execution ${e.header.name}: invocation ${info.invocation}${info.invocation > 1 ? ` (replay: ${info.replayed} operation(s) replayed${updated.length ? `; updated since the last: ${updated.join(', ')}` : ''})` : ''}.\n`);
    };
    engine.durable.on('replay', onReplay);
    this.off = () => void engine.durable.off('replay', onReplay);
  }

  /**
   * Runs the launch's Invoke of a durable function: starts the execution (as Event, so an ExecutionTimeout
   * beyond 15 minutes is fine), follows its replays, and answers with its result as a sync Invoke would.
   */
  async invoke(request: InvokeRequest): Promise<InvokeResponse> {
    const started = await this.engine.invoke({ ...request, invocationType: 'Event' });
    const arn = started.durableExecutionArn;
    if (!arn) return started;
    this.output(`Started durable execution ${arn}: every replay runs in this debug session.\n`);
    const end = await this.engine.durable.whenFinished(arn);
    const failed = end.status !== 'SUCCEEDED';
    this.output(`Durable execution ${end.name} ${end.status}.\n`);
    const payload = failed
      ? Buffer.from(JSON.stringify({ errorType: end.error?.ErrorType ?? end.status, errorMessage: end.error?.ErrorMessage ?? `The durable execution ended ${end.status}.` }))
      : Buffer.from(end.result ?? 'null');
    return { statusCode: 200, requestId: started.requestId, payload, durableExecutionArn: arn, ...(failed ? { functionError: 'Unhandled' as const } : {}) };
  }

  /** The Lambda scope's durable variables while an execution is followed. */
  variables(): DebugProtocol.Variable[] {
    const s = this.current;
    if (!s) return [];
    const e = this.engine.durable.get(s.info.arn);
    const fresh = [...e.operations.keys()].filter((id) => !s.known.has(id)).map((id) => this.describe(s.info.arn, id) ?? id);
    const updated = s.info.updated.map((id) => this.describe(s.info.arn, id) ?? id);
    return [
      text('durableExecutionArn', s.info.arn),
      plain('durableExecutionStatus', e.header.status),
      plain('replay', s.info.invocation === 1 ? '1 (first invocation)' : `${s.info.invocation} (replay ${s.info.invocation - 1})`),
      plain('operationsReplayed', String(s.info.replayed)),
      plain('operationsNew', fresh.length ? `${fresh.length}: ${fresh.join(', ')}` : '0'),
      plain('operationsUpdated', updated.length ? `${updated.length}: ${updated.join(', ')}` : '0'),
    ];
  }

  dispose(): void {
    this.off();
  }

  // "step charge (SUCCEEDED)"; undefined for the EXECUTION operation.
  private describe(arn: string, id: string): string | undefined {
    const op = this.engine.durable.get(arn).operations.get(id);
    if (!op || op.Type === 'EXECUTION') return undefined;
    return `${op.Type.toLowerCase().replace('_', ' ')} ${op.Name ?? op.Id.slice(0, 8)} (${op.Status})`;
  }
}
