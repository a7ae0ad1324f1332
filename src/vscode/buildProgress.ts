// Shows the engine's builds (npm, pip, esbuild, make... before a function first runs) as cancellable
// progress notifications; the tool output goes to the Lambda Workbench output channel, failures to an error.
import * as vscode from 'vscode';
import type { BuildProgress } from '../core/build';
import type { Emulator } from '../core/emulator';
import type { EngineHost } from './engineHost';

const FINAL: ReadonlySet<BuildProgress['phase']> = new Set(['built', 'failed', 'cancelled']);

/** Subscribes to the engine's build progress once it has started. */
export function registerBuildProgress(context: vscode.ExtensionContext, host: EngineHost): void {
  context.subscriptions.push(
    host.forEachEngine((engine) => {
      const watch = watchBuilds(engine, host.output);
      return () => {
        watch.dispose();
      };
    }),
  );
}

function watchBuilds(engine: Emulator, output: vscode.LogOutputChannel): vscode.Disposable {
  const open = new Map<string, (p: BuildProgress) => void>();
  const listener = (p: BuildProgress): void => {
    if (p.phase === 'output') {
      output.trace(`[build ${p.logicalId}] ${p.message}`);
      return;
    }
    if (p.phase === 'cached') return;
    if (p.phase === 'start') {
      output.info(p.message);
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Lambda Workbench: building ${p.logicalId}`, cancellable: true },
        (progress, token) =>
          new Promise<void>((resolve) => {
            token.onCancellationRequested(() => engine.cancelBuild(p.logicalId));
            open.set(p.logicalId, (next) => {
              if (next.phase === 'step') progress.report({ message: next.message });
              if (FINAL.has(next.phase)) {
                open.delete(p.logicalId);
                resolve();
              }
            });
          }),
      );
      return;
    }
    open.get(p.logicalId)?.(p);
    if (p.phase === 'step') output.info(`[build ${p.logicalId}] ${p.message}`);
    if (p.phase === 'built' || p.phase === 'cancelled') output.info(p.message);
    if (p.phase === 'failed') {
      output.error(p.message);
      void vscode.window.showErrorMessage(`Lambda Workbench: the build of ${p.logicalId} failed. ${p.message.split('\n')[0] ?? ''}`, 'Show Output').then((choice) => {
        if (choice) output.show(true);
      });
    }
  };
  const off = engine.onBuildProgress(listener);
  return { dispose: off };
}
