// The log panel's sources in one: the local engine's groups as they are, then each AWS root's function
// groups under that root. A cloud group's key is `<root id> <group name>` (a space never occurs in a
// log group name), so the webview and the session pass one string around as before.
import type { ArchivedInvocation } from '../../core/logs/invocationArchive';
import type { EventPage, LogSource } from './logSource';
import type { PanelEvent, PanelGroup, PanelStream } from './logPanelProtocol';
import { groupKey } from '../backends/logGroupKey';

export { groupKey };

/** A source shown under a root (an AWS account/region). */
export interface RootSource {
  readonly id: string;
  readonly label: string;
  readonly source: LogSource;
}


export class PanelSources implements LogSource {
  constructor(
    private readonly local: () => Promise<LogSource | undefined>,
    private readonly roots: () => Promise<readonly RootSource[]>,
  ) {}

  async listGroups(): Promise<PanelGroup[]> {
    const local = await this.local();
    const out: PanelGroup[] = local ? await local.listGroups() : [];
    for (const r of await this.roots()) {
      try {
        for (const g of await r.source.listGroups()) out.push({ ...g, name: groupKey(r.id, g.name), label: g.name, root: r.label });
      } catch (e) {
        out.push({ name: groupKey(r.id, ''), label: `(cannot list: ${e instanceof Error ? e.message : String(e)})`, root: r.label, storedBytes: 0 });
      }
    }
    return out;
  }

  /** Local groups appearing or getting events (cloud groups are listed again when the panel asks). */
  watchGroups(onChange: () => void): () => void {
    let stop: (() => void) | undefined;
    let stopped = false;
    void this.local().then((local) => {
      if (!stopped) stop = local?.watchGroups?.(onChange);
    });
    return () => {
      stopped = true;
      stop?.();
    };
  }

  async listStreams(group: string): Promise<PanelStream[]> {
    const [source, name] = await this.resolve(group);
    return name ? source.listStreams(name) : [];
  }

  async query(group: string, stream: string | undefined, pattern: string, limit: number, next?: unknown): Promise<EventPage> {
    const [source, name] = await this.resolve(group);
    return source.query(name, stream, pattern, limit, next);
  }

  follow(group: string, stream: string | undefined, pattern: string, onEvents: (events: PanelEvent[]) => void): () => void {
    let stop: (() => void) | undefined;
    let stopped = false;
    void this.resolve(group).then(
      ([source, name]) => {
        if (!stopped) stop = source.follow(name, stream, pattern, onEvents);
      },
      () => undefined,
    );
    return () => {
      stopped = true;
      stop?.();
    };
  }

  async invocation(requestId: string, group?: string): Promise<ArchivedInvocation | undefined> {
    if (group === undefined) return (await this.local())?.invocation(requestId);
    const [source, name] = await this.resolve(group);
    return source.invocation(requestId, name);
  }

  /** The source a key belongs to and the group's own name. */
  private async resolve(key: string): Promise<[LogSource, string]> {
    const space = key.indexOf(' ');
    if (space >= 0) {
      const root = (await this.roots()).find((r) => r.id === key.slice(0, space));
      if (!root) throw new Error(`The AWS root of ${key.slice(space + 1)} is no longer configured.`);
      return [root.source, key.slice(space + 1)];
    }
    const local = await this.local();
    if (!local) throw new Error('The local engine is not running.');
    return [local, key];
  }
}
