// CDK apps in VS Code: the first synth of an app opened before it was synthesized, `cdk synth` on every
// change shown as a cancellable notification (tool output in the output channel, failures as an error
// with the output one click away), and the "Synthesize CDK App" command.
import * as vscode from 'vscode';
import { synthesizeIfMissing, type SynthProgress } from '../core/build/cdk';
import type { Emulator } from '../core/emulator';
import { cdkAppOf } from '../core/project/cdk';
import { commandIds } from './contributionIds';
import type { EngineHost } from './engineHost';

/** For a CDK app without a cloud assembly: synthesizes it (cancellable progress) and returns the manifest; undefined for other folders. */
export async function synthesizeFirst(folder: string, output: vscode.LogOutputChannel): Promise<string | undefined> {
  if (!(await cdkAppOf(folder))) return undefined;
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Lambda Workbench: synthesizing the CDK app (cdk synth)', cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    try {
      const first = await synthesizeIfMissing(folder, {
        signal: controller.signal,
        onLine: (line) => {
          output.info(`[cdk synth] ${line}`);
          progress.report({ message: line.slice(0, 120) });
        },
      });
      if (first) output.info(`Synthesized the CDK app in ${folder} (${(first.result.durationMs / 1000).toFixed(1)} s)`);
      return first?.manifest;
    } catch (e) {
      output.error(e instanceof Error ? e.message : String(e));
      throw e;
    }
  });
}

/** Subscribes to the engine's synth-on-change and registers the Synthesize command. */
export function registerCdkSynth(context: vscode.ExtensionContext, host: EngineHost): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(commandIds.synthesizeCdkApp, async () => {
      const engine = await host.getEngine();
      if (!engine.synthesizes) {
        void vscode.window.showInformationMessage('Lambda Workbench: the workspace is not a CDK app (no cdk.json beside its cdk.out), so there is nothing to synthesize.');
        return;
      }
      await engine.synthNow();
    }),
  );
  void host.getEngine().then(
    (engine) => context.subscriptions.push(watchSynths(engine, host.output)),
    // The status bar reports an engine that did not start.
    () => undefined,
  );
}

function watchSynths(engine: Emulator, output: vscode.LogOutputChannel): vscode.Disposable {
  let finish: ((p: SynthProgress) => void) | undefined;
  const off = engine.onSynthProgress((p) => {
    if (p.phase === 'output') {
      output.trace(`[cdk synth] ${p.message}`);
      return;
    }
    if (p.phase === 'start') {
      output.info(p.message);
      void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Lambda Workbench: cdk synth', cancellable: true }, (progress, token) => {
        progress.report({ message: p.message.replace(/^Synthesizing the CDK app in \S+ /, '') });
        token.onCancellationRequested(() => engine.cancelSynth());
        return new Promise<void>((resolve) => {
          finish = () => resolve();
        });
      });
      return;
    }
    finish?.(p);
    finish = undefined;
    if (p.phase === 'done') {
      output.info(p.message);
      vscode.window.setStatusBarMessage(`$(check) ${p.message}`, 4000);
    } else if (p.phase === 'cancelled') {
      output.warn(p.message);
    } else {
      output.error(p.message);
      void vscode.window.showErrorMessage(`Lambda Workbench: cdk synth failed; functions keep the code of the last synth. ${p.message.split('\n').find((l) => /error|Error/.test(l))?.replace(/^\s*\|\s*/, '') ?? ''}`.trim(), 'Show Output').then((choice) => {
        if (choice) output.show(true);
      });
    }
  });
  return { dispose: off };
}
