// The log panel's host side without VS Code: answers webview messages from a LogSource (groups, streams,
// filtered pages loaded incrementally, live tail) and hands editor actions to `PanelActions`.
import { messageOf } from '../../core/errors';
import type { ArchivedInvocation } from '../../core/logs/invocationArchive';
import type { LogSource } from './logSource';
import { parseToHost, type ToWebview } from './logPanelProtocol';

/** Page size of incremental loading: the webview asks for the next page as the user scrolls. */
export const PAGE_EVENTS = 2000;

/** What needs the editor (implemented with VS Code APIs by the host, by recorders in tests). */
export interface PanelActions {
  openInvocation(inv: ArchivedInvocation): Promise<void> | void;
  openSource(file: string, line: number, column: number): Promise<void> | void;
  copy(text: string): Promise<void> | void;
  openAsDocument(title: string, text: string): Promise<void> | void;
  showError(message: string): void;
}

export class LogPanelSession {
  private queryId = 0;
  private current: { id: number; group: string; stream: string | undefined; pattern: string; next: unknown } | undefined;
  private live = false;
  private stopLive: (() => void) | undefined;
  private stopGroups: (() => void) | undefined;

  constructor(
    private readonly source: LogSource,
    private readonly post: (m: ToWebview) => void,
    private readonly actions: PanelActions,
  ) {}

  /** Handles one raw message from the webview; malformed ones are ignored. */
  async receive(raw: unknown): Promise<void> {
    const m = parseToHost(raw);
    if (!m) return;
    try {
      switch (m.type) {
        case 'ready':
          this.post({ type: 'groups', groups: await this.source.listGroups() });
          // The group list stays live: groups that appear later, newest first.
          this.stopGroups?.();
          this.stopGroups = this.source.watchGroups?.(() => void this.postGroups());
          return;
        case 'selectGroup':
          this.post({ type: 'streams', group: m.group, streams: await this.source.listStreams(m.group) });
          return;
        case 'query':
          await this.runQuery(m.group, m.stream, m.pattern);
          return;
        case 'loadMore':
          if (this.current && this.current.id === m.queryId && this.current.next) await this.page(false);
          return;
        case 'liveTail':
          this.live = m.on;
          this.restartLive();
          return;
        case 'openInvocation': {
          const inv = await this.source.invocation(m.requestId, this.current?.group);
          if (!inv) this.actions.showError(`No recorded event or response for request ${m.requestId} (it may be older than the invocation archive keeps).`);
          else await this.actions.openInvocation(inv);
          return;
        }
        case 'openSource':
          await this.actions.openSource(m.file, m.line, m.column);
          return;
        case 'copy':
          await this.actions.copy(m.text);
          return;
        case 'openAsDocument':
          await this.openAsDocument(m.group, m.stream);
          return;
      }
    } catch (e) {
      this.post({ type: 'error', message: messageOf(e) });
    }
  }

  /** Lists the groups again (an AWS root was added or removed). */
  async refreshGroups(): Promise<void> {
    try {
      this.post({ type: 'groups', groups: await this.source.listGroups() });
    } catch (e) {
      this.post({ type: 'error', message: messageOf(e) });
    }
  }

  private async runQuery(group: string, stream: string | undefined, pattern: string): Promise<void> {
    this.current = { id: ++this.queryId, group, stream, pattern, next: undefined };
    await this.page(true);
    this.restartLive();
  }

  private async page(reset: boolean): Promise<void> {
    const q = this.current;
    if (!q) return;
    const page = await this.source.query(q.group, q.stream, q.pattern, PAGE_EVENTS, q.next);
    if (this.current !== q) return;
    q.next = page.next;
    this.post({ type: 'events', queryId: q.id, events: page.events, reset, more: page.next !== undefined });
  }

  private restartLive(): void {
    this.stopLive?.();
    this.stopLive = undefined;
    const q = this.current;
    if (!this.live || !q) return;
    this.stopLive = this.source.follow(q.group, q.stream, q.pattern, (events) => this.post({ type: 'live', queryId: q.id, events }));
  }

  private async openAsDocument(group: string, stream: string | undefined): Promise<void> {
    const lines: string[] = [];
    let next: unknown;
    do {
      const page = await this.source.query(group, stream, '', 10_000, next);
      for (const e of page.events) lines.push(e.message.endsWith('\n') ? e.message : `${e.message}\n`);
      next = page.next;
    } while (next && lines.length < 200_000);
    await this.actions.openAsDocument(stream ? `${group} ${stream}` : group, lines.join(''));
  }

  private async postGroups(): Promise<void> {
    try {
      this.post({ type: 'groups', groups: await this.source.listGroups() });
    } catch (e) {
      this.post({ type: 'error', message: messageOf(e) });
    }
  }

  dispose(): void {
    this.stopGroups?.();
    this.stopLive?.();
  }
}
