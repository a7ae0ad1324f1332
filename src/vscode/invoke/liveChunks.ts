// Shows a streamed response while it arrives: the result view opens at the first chunk and is
// refreshed at most every 100 ms with the chunks so far (each with its arrival time).
import * as vscode from 'vscode';
import type { StreamChunk } from '../backends/lambdaBackend';
import type { InvokeResults } from './invokeResults';
import { renderStreaming } from './resultDocument';

const REFRESH_MS = 100;

export function liveChunks(results: InvokeResults, backendId: string, functionName: string, qualifier: string | undefined): { readonly onChunk: (chunk: StreamChunk) => void; readonly stop: () => void } {
  const chunks: StreamChunk[] = [];
  const uri = results.uriOf(backendId, functionName, qualifier);
  let timer: NodeJS.Timeout | undefined;
  let opened = false;
  let stopped = false;
  const refresh = (): void => {
    timer = undefined;
    if (stopped) return;
    results.update(uri, renderStreaming(functionName, chunks));
    if (!opened) {
      opened = true;
      // Opening is best effort: the final result opens the view in any case.
      void vscode.workspace.openTextDocument(uri).then(
        (doc) => vscode.window.showTextDocument(doc, { preview: false, preserveFocus: true, viewColumn: vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active }),
        () => undefined,
      );
    }
  };
  return {
    onChunk: (chunk) => {
      if (chunks.length < 2000) chunks.push(chunk);
      if (!opened) refresh();
      else timer ??= setTimeout(refresh, REFRESH_MS);
    },
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
