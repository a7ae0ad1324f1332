// The runtime settings (a Node.js path per major, a Python path per version, whether to download Node.js
// majors) and a cancellable progress notification while the engine downloads a Node.js major.
import * as vscode from 'vscode';
import type { Emulator } from '../core/emulator';
import type { InterpreterOptions } from '../core/runtime/runtimeCatalog';
import { settingIds } from './contributionIds';

/** Interpreter pins and the download switch from the settings. */
export function runtimeInterpreters(): InterpreterOptions {
  const cfg = vscode.workspace.getConfiguration(settingIds.section);
  const nodeByMajor = cfg.get<Record<string, string>>(settingIds.nodePaths, {});
  const pythonByVersion = cfg.get<Record<string, string>>(settingIds.pythonPaths, {});
  return { nodeByMajor, pythonByVersion, nodeDownload: cfg.get<boolean>(settingIds.downloadNode, true) };
}

/** Shows one progress notification per Node.js download; Cancel stops it (the function then runs on the local node). */
export function showRuntimeDownloads(engine: Emulator): void {
  const open = new Map<string, { report(pct: number, text: string): void; close(): void }>();
  engine.on('runtimeDownload', (p) => {
    const pct = p.total ? Math.floor((p.received / p.total) * 100) : 0;
    let bar = open.get(p.version);
    if (!bar && p.finished) return;
    if (!bar) {
      let last = 0;
      let finish: () => void = () => undefined;
      const done = new Promise<void>((r) => (finish = r));
      const reporters: ((pct: number, text: string) => void)[] = [];
      void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Lambda Workbench: downloading Node.js ${p.version} for ${p.runtime}`, cancellable: true }, (progress, token) => {
        token.onCancellationRequested(() => engine.cancelRuntimeDownloads());
        reporters.push((n, text) => {
          progress.report({ increment: n - last, message: text });
          last = n;
        });
        return done;
      });
      bar = {
        report: (n, text) => {
          for (const r of reporters) r(n, text);
        },
        close: () => {
          finish();
          open.delete(p.version);
        },
      };
      open.set(p.version, bar);
    }
    if (p.finished) {
      // Installed, failed or cancelled: the engine's warning says which; the notification closes.
      bar.close();
      return;
    }
    bar.report(pct, `${(p.received / 1e6).toFixed(1)}${p.total ? ` / ${(p.total / 1e6).toFixed(1)}` : ''} MB`);
  });
}
