// The SAM template language server (stdio or IPC): diagnostics from the core's validation, completion,
// hover and go-to-definition. Each request is a few lines over the modules beside this one.
import { fileURLToPath } from 'node:url';
import { CodeActionKind, createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { completions } from './completion';
import { definitionAt } from './definition';
import { diagnosticsOf } from './diagnostics';
import { hoverAt } from './hover';
import { quickFixes } from './quickFixes';
import { runtimeLifecycleDiagnostics } from './runtimeLifecycle';
import { documentSymbols } from './symbols';
import { analyze, forget, looksLikeTemplate, type TemplateAnalysis } from './templateAnalysis';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const pending = new Map<string, NodeJS.Timeout>();

const fileOf = (uri: string): string | undefined => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined);

function analysisOf(doc: TextDocument): TemplateAnalysis | undefined {
  const file = fileOf(doc.uri);
  const text = doc.getText();
  return file && looksLikeTemplate(text) ? analyze(doc.uri, doc.version, text, file) : undefined;
}

function validate(doc: TextDocument): void {
  const file = fileOf(doc.uri);
  const a = analysisOf(doc);
  void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: a && file ? [...diagnosticsOf(a.project.problems, file), ...runtimeLifecycleDiagnostics(doc.getText())] : [] });
}

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    completionProvider: { triggerCharacters: [':', ' ', '.'] },
    hoverProvider: true,
    definitionProvider: true,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    documentSymbolProvider: true,
  },
  serverInfo: { name: 'Lambda Workbench SAM template server' },
}));

documents.onDidChangeContent(({ document }) => {
  clearTimeout(pending.get(document.uri));
  // Typing bursts: analyze once the user pauses (the analysis stats and reads code files).
  pending.set(document.uri, setTimeout(() => (pending.delete(document.uri), validate(document)), document.version === 1 ? 0 : 150));
});
documents.onDidClose(({ document }) => {
  clearTimeout(pending.get(document.uri));
  forget(document.uri);
  void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
});

connection.onCompletion(({ textDocument, position }) => {
  const doc = documents.get(textDocument.uri);
  const file = doc && fileOf(doc.uri);
  return doc && file && looksLikeTemplate(doc.getText()) ? completions(doc.getText(), file, position.line, position.character) : [];
});
connection.onHover(({ textDocument, position }) => {
  const doc = documents.get(textDocument.uri);
  const a = doc && analysisOf(doc);
  return (a && hoverAt(a, position.line, position.character)) ?? null;
});
connection.onDefinition(({ textDocument, position }) => {
  const doc = documents.get(textDocument.uri);
  const a = doc && analysisOf(doc);
  return (a && definitionAt(a, position.line, position.character)) ?? null;
});

// A handler file created or changed (a quick fix, the user): the templates' handler checks change too.
connection.onDidChangeWatchedFiles(() => {
  for (const doc of documents.all()) {
    forget(doc.uri);
    validate(doc);
  }
});

connection.onCodeAction(({ textDocument, context }) => {
  const doc = documents.get(textDocument.uri);
  const a = doc && analysisOf(doc);
  return a && doc ? quickFixes(a, doc.uri, doc.getText(), context.diagnostics) : [];
});

connection.onDocumentSymbol(({ textDocument }) => {
  const doc = documents.get(textDocument.uri);
  const a = doc && analysisOf(doc);
  return a ? documentSymbols(a) : [];
});

documents.listen(connection);
connection.listen();
