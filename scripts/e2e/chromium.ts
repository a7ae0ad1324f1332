// Headless Chromium (Debian's) on the code-server workbench, and a minimal Chrome DevTools Protocol
// client for what the tests ask of the browser: screenshots, typing, and waiting for text on screen.
import type { ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import WebSocket from 'ws';
import { findOnPath } from './codeServer';
import { spawnGroup } from './processes';

export interface Browser {
  readonly process: ChildProcess;
  readonly page: CdpPage;
}

/** Starts Chromium on `url`; resolves once its DevTools endpoint and the page are reachable. */
export async function launchChromium(url: string, userDataDir: string, log: (line: string) => void): Promise<Browser> {
  const bin = process.env.CHROMIUM ?? findOnPath('chromium') ?? findOnPath('chromium-browser') ?? findOnPath('google-chrome');
  if (!bin) throw new Error('Chromium is not installed: apt-get install -y chromium (or set CHROMIUM=/path/to/chrome).');
  const child = spawnGroup(bin, ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--window-size=1600,1000', `--user-data-dir=${userDataDir}`, '--remote-debugging-port=0', url], { stdio: ['ignore', 'ignore', 'pipe'] });
  const devtools = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stderr?.on('data', (d: Buffer) => {
      buffer += d.toString();
      const m = /DevTools listening on (ws:\/\/[^\s]+)/.exec(buffer);
      if (m) resolve(m[1] as string);
      // Headless Chromium complains about D-Bus and its zygote on every run; only other errors matter.
      for (const line of d.toString().split('\n')) if (/ERROR|FATAL/.test(line) && !/dbus|zygote/i.test(line)) log(`chromium: ${line.trim()}`);
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before its DevTools endpoint was ready:\n${buffer.slice(-2000)}`)));
  });
  const port = new URL(devtools).port;
  const pageUrl = await pageTarget(port, url);
  return { process: child, page: await CdpPage.connect(pageUrl) };
}

async function pageTarget(port: string, url: string): Promise<string> {
  const origin = new URL(url).origin;
  const targets = await new Promise<{ type: string; url: string; webSocketDebuggerUrl: string }[]>((resolve, reject) => {
    http.get(`http://127.0.0.1:${port}/json/list`, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve(JSON.parse(body)));
    }).on('error', reject);
  });
  const page = targets.find((t) => t.type === 'page' && t.url.startsWith(origin)) ?? targets.find((t) => t.type === 'page');
  if (!page) throw new Error(`No page target in Chromium (targets: ${JSON.stringify(targets)})`);
  return page.webSocketDebuggerUrl;
}

/** One page over CDP. */
export class CdpPage {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly events = new Set<(method: string) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as { id?: number; method?: string; result?: unknown; error?: { message: string } };
      if (msg.method) for (const l of [...this.events]) l(msg.method);
      const p = msg.id === undefined ? undefined : this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id as number);
      if (msg.error) p.reject(new Error(msg.error.message));
      else p.resolve(msg.result);
    });
    socket.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error('The browser page closed'));
      this.pending.clear();
    });
  }

  static connect(url: string): Promise<CdpPage> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
      socket.once('open', () => resolve(new CdpPage(socket)));
      socket.once('error', reject);
    });
  }

  send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** PNG of the page. */
  async screenshot(): Promise<Buffer> {
    const r = await this.send<{ data: string }>('Page.captureScreenshot', { format: 'png' });
    return Buffer.from(r.data, 'base64');
  }

  /** Evaluates an expression in the page (awaiting promises); returns its JSON value. */
  async evaluate<T>(expression: string, contextId?: number): Promise<T> {
    const r = await this.send<{ result: { value: T }; exceptionDetails?: { text: string; exception?: { description?: string } } }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true, ...(contextId !== undefined ? { contextId } : {}) });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value;
  }

  /** Resolves when `text` appears in the workbench (inside `selector`), by a MutationObserver in the page. */
  waitForText(text: string, selector = 'body', timeoutMs = 15000): Promise<boolean> {
    return this.waitFor(`[...document.querySelectorAll(${JSON.stringify(selector)})].some((e) => e.getClientRects().length > 0 && (e.innerText || '').replace(/\u00a0/g, ' ').includes(${JSON.stringify(text)}))`, timeoutMs);
  }

  /** Resolves true once the JS `condition` holds in the page (re-checked on DOM mutations), false after the timeout. */
  waitFor(condition: string, timeoutMs = 15000, contextId?: number): Promise<boolean> {
    return this.evaluate<boolean>(
      `new Promise((resolve) => {
      const has = () => { try { return !!(${condition}); } catch { return false; } };
      if (has()) return resolve(true);
      const obs = new MutationObserver(() => { if (has()) { obs.disconnect(); resolve(true); } });
      obs.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
      setTimeout(() => { obs.disconnect(); resolve(has()); }, ${timeoutMs});
    })`,
      contextId,
    );
  }

  /**
   * Evaluates `expression` in the first frame (webviews are nested iframes) where `match` is true,
   * looking again whenever a frame finishes loading; throws after the timeout.
   */
  async evaluateInFrame<T>(match: string, expression: string, timeoutMs = 15000): Promise<T> {
    await this.send('Page.enable');
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const loaded = this.nextEvent(['Page.frameStoppedLoading', 'Page.frameNavigated', 'Page.frameAttached'], Math.max(0, deadline - Date.now()));
      const tree = await this.send<{ frameTree: FrameTree }>('Page.getFrameTree');
      for (const frameId of frameIds(tree.frameTree)) {
        let contextId: number;
        try {
          contextId = (await this.send<{ executionContextId: number }>('Page.createIsolatedWorld', { frameId, worldName: 'lambda-workbench-e2e' })).executionContextId;
        } catch {
          continue;
        }
        if (await this.evaluate<boolean>(`(() => { try { return !!(${match}); } catch { return false; } })()`, contextId).catch(() => false)) return this.evaluate<T>(expression, contextId);
      }
      if (!(await loaded)) throw new Error(`No frame matched ${match} within ${timeoutMs} ms`);
    }
  }

  private nextEvent(methods: readonly string[], timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => (this.events.delete(listener), resolve(false)), timeoutMs);
      const listener = (method: string): void => {
        if (!methods.includes(method)) return;
        clearTimeout(timer);
        this.events.delete(listener);
        resolve(true);
      };
      this.events.add(listener);
    });
  }

  /** Drags the side bar's sash so the side bar is `width` pixels wide (there is no command for it). */
  async setSideBarWidth(width: number): Promise<void> {
    const r = await this.evaluate<{ right: number; top: number; bottom: number } | null>(`(() => { const b = document.querySelector('.part.sidebar'); if (!b) return null; const r = b.getBoundingClientRect(); return { right: r.right, top: r.top, bottom: r.bottom }; })()`);
    if (!r) throw new Error('No side bar on screen');
    const y = Math.round((r.top + r.bottom) / 2);
    const mouse = (type: string, x: number): Promise<unknown> => this.send('Input.dispatchMouseEvent', { type, x, y, button: 'left', buttons: type === 'mouseReleased' ? 0 : 1, clickCount: 1 });
    const left = await this.evaluate<number>(`document.querySelector('.part.sidebar').getBoundingClientRect().left`);
    await mouse('mousePressed', Math.round(r.right));
    await mouse('mouseMoved', Math.round((r.right + left + width) / 2));
    await mouse('mouseMoved', Math.round(left + width));
    await mouse('mouseReleased', Math.round(left + width));
  }

  /** Types text into whatever has focus. */
  async type(text: string): Promise<void> {
    await this.send('Input.insertText', { text });
  }

  /** Presses a key (Enter, Escape, ArrowDown...). */
  async press(key: string): Promise<void> {
    const codes: Record<string, number> = { Enter: 13, Escape: 27, ArrowDown: 40, ArrowUp: 38, Tab: 9, F5: 116 };
    const base = { key, code: key, windowsVirtualKeyCode: codes[key] ?? 0, nativeVirtualKeyCode: codes[key] ?? 0 };
    await this.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...base, ...(key === 'Enter' ? { text: '\r', unmodifiedText: '\r' } : {}) });
    if (key === 'Enter') await this.send('Input.dispatchKeyEvent', { type: 'char', ...base, text: '\r', unmodifiedText: '\r' });
    await this.send('Input.dispatchKeyEvent', { type: 'keyUp', ...base });
  }

  close(): void {
    this.socket.close();
  }
}

interface FrameTree {
  readonly frame: { readonly id: string };
  readonly childFrames?: readonly FrameTree[];
}

function frameIds(t: FrameTree): string[] {
  return [t.frame.id, ...(t.childFrames ?? []).flatMap(frameIds)];
}
