// Starts the SAM template language server (dist/languageServer.js, over IPC) the first time a template
// is open, and stops it with the extension. The client library (dist/languageClient.js) loads only then.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { loadBundle } from '../lazyBundle';

const TEMPLATE_HINT = /AWSTemplateFormatVersion|AWS::Serverless-2016-10-31|AWS::(Serverless|Lambda)::Function/;
const isTemplate = (doc: vscode.TextDocument): boolean =>
  doc.uri.scheme === 'file' && (doc.languageId === 'yaml' || doc.languageId === 'json') && TEMPLATE_HINT.test(doc.getText(new vscode.Range(0, 0, 400, 0)));

/** The running client, for tests (undefined until a template was opened). */
export interface LanguageClientHandle {
  /** Resolves with the client once started (starting it if needed). */
  start(): Promise<LanguageClient>;
}

export function registerLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClientHandle {
  let client: Promise<LanguageClient> | undefined;
  const start = (): Promise<LanguageClient> => {
    client ??= (async () => {
      const { LanguageClient: Client, TransportKind } = loadBundle<typeof import('./languageClientModule')>('languageClient');
      const module = context.asAbsolutePath('dist/languageServer.js');
      const c = new Client(
        'lambdaWorkbench.templates',
        'Lambda Workbench Templates',
        { run: { module, transport: TransportKind.ipc }, debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--inspect=6010'] } } },
        {
          documentSelector: [{ scheme: 'file', language: 'yaml' }, { scheme: 'file', language: 'json' }],
          outputChannel: output,
          diagnosticCollectionName: 'lambda-workbench',
          // Handler files appearing or changing re-check the templates' Handler values.
          synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{js,mjs,cjs,ts,py,rb}') },
        },
      );
      await c.start();
      context.subscriptions.push({ dispose: () => void c.stop() });
      return c;
    })();
    client.catch((e: unknown) => {
      client = undefined;
      void vscode.window.showErrorMessage(`Lambda Workbench: the template language server did not start: ${e instanceof Error ? e.message : String(e)}`);
    });
    return client;
  };
  const maybeStart = (doc: vscode.TextDocument): void => {
    if (!client && isTemplate(doc)) void start();
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(maybeStart));
  vscode.workspace.textDocuments.forEach(maybeStart);
  return { start };
}
