// Shows the engine's installs of the runtime-included AWS SDK (issue 12) as a cancellable notification.
import * as vscode from 'vscode';
import type { Emulator } from '../core/emulator';

/** A progress notification per install; Cancel stops npm / pip (the function then starts without it). */
export function registerSdkInstallProgress(engine: Emulator): vscode.Disposable {
  const off = engine.onSdkInstall((job) => {
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Lambda Workbench: installing ${job.what}`, cancellable: true },
      (_progress, token) => {
        token.onCancellationRequested(() => job.cancel());
        return job.done;
      },
    );
  });
  return new vscode.Disposable(off);
}
