// Loads a bundle that sits beside dist/extension.js (dist/awsBackend.js, dist/languageClient.js). They
// hold most of the extension's code (AWS SDK, LSP client) and are needed only by some users, so they
// are kept out of the bundle every activation has to parse.
import * as path from 'node:path';

/** The exports of `dist/<name>.js`. */
export function loadBundle<T>(name: 'awsBackend' | 'languageClient' | 'deploy'): T {
  // A computed path: esbuild leaves this require alone instead of inlining the module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose, only when this code path runs
  return require(path.join(__dirname, `${name}.js`)) as T;
}
