// Shows each line a handler logged as an inline decoration after the source line that logged it (hover:
// the full text), replaced by the function's next invocation; `lambdaWorkbench.inlineLogs.enabled` turns it off.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Emulator } from '../../core/emulator';
import { SourceMapper } from '../../core/logs/sourceMapper';
import { commandIds, settingIds } from '../contributionIds';
import type { EngineHost } from '../engineHost';
import { decorationText, InlineLogModel } from './inlineLogModel';

const enabledSetting = `${settingIds.section}.${settingIds.inlineLogs}`;

/**
 * Versions and aliases run a snapshot of the code in the state directory: their lines belong to the same
 * file of the function's code directory (and its source map), as long as the code is the published one.
 */
function sourceFile(engine: Emulator, group: string, file: string): string {
  if (!file.startsWith(engine.stateDir + path.sep)) return file;
  const m = /[\\/]snapshots[\\/][^\\/]+[\\/]code[\\/](.+)$/.exec(file);
  const codeDir = engine.getFunction(group.replace(/^\/aws\/lambda\//, ''))?.latest.codeDir;
  return m && codeDir ? path.join(codeDir, m[1]!) : file;
}

/** Registers inline log decorations; they start with the engine. */
export function registerInlineLogs(context: vscode.ExtensionContext, host: EngineHost): void {
  const model = new InlineLogModel(new SourceMapper());
  const decoration = vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 2em', color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  const enabled = (): boolean => vscode.workspace.getConfiguration().get<boolean>(enabledSetting, true);
  const paint = (editor: vscode.TextEditor): void => {
    if (!enabled()) return editor.setDecorations(decoration, []);
    const lines = model.linesFor(path.normalize(editor.document.uri.fsPath));
    editor.setDecorations(
      decoration,
      lines
        .filter((l) => l.line - 1 < editor.document.lineCount)
        .map((l) => {
          const end = editor.document.lineAt(l.line - 1).range.end;
          const hover = new vscode.MarkdownString();
          hover.appendCodeblock(l.texts.join('\n'), 'text');
          return { range: new vscode.Range(end, end), hoverMessage: hover, renderOptions: { after: { contentText: `  ${decorationText(l.texts)}` } } };
        }),
    );
  };
  const repaint = (files?: readonly string[]): void => {
    for (const editor of vscode.window.visibleTextEditors) {
      if (!files || files.includes(path.normalize(editor.document.uri.fsPath))) paint(editor);
    }
  };
  context.subscriptions.push(
    decoration,
    vscode.window.onDidChangeVisibleTextEditors(() => repaint()),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(enabledSetting) && repaint()),
    vscode.commands.registerCommand(commandIds.clearInlineLogs, () => {
      const files = model.files();
      model.clear();
      repaint(files);
    }),
  );
  // Each engine this window owns (a take-over starts a new one).
  context.subscriptions.push(
    host.forEachEngine((engine) => {
      const unsubscribe = engine.onDidAppendLog((g, _s, e) => {
        // A run starts: the function's lines of the previous run go (no stale text on a paused line).
        if (e.message.startsWith('START RequestId:')) repaint(model.forget(g.replace(/^\/aws\/lambda\//, '')).map((f) => path.normalize(f)));
        model.onAppend({ ...e, ...(e.callSite ? { callSite: { ...e.callSite, file: sourceFile(engine, g, path.normalize(e.callSite.file)) } } : {}) });
      });
      const onInvocation = (r: { functionName: string; outcome: { requestId: string } }): void => repaint(model.complete(r.functionName, r.outcome.requestId).map((f) => path.normalize(f)));
      engine.on('invocation', onInvocation);
      return () => (unsubscribe(), engine.off('invocation', onInvocation));
    }),
  );
}
