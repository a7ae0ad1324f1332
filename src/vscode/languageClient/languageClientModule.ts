// The language client library as its own bundle (dist/languageClient.js): loaded only when a template
// is opened, so activation does not parse it.
export { LanguageClient, TransportKind } from 'vscode-languageclient/node';
