// The CA bundle nodejs18.x handlers get as NODE_EXTRA_CA_CERTS (Lambda's /var/runtime/ca-cert.pem):
// written once from the root certificates of the engine's own Node.js, so the file always exists.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';

const written = new Map<string, string>();

/**
 * Path of `ca-cert.pem` in `dir`, created on first use. `dir` is the engine's private temp root
 * (mkdtemp, mode 0700); never the shared temp folder itself, where another user could plant the file.
 */
export function caCertBundle(dir: string): string {
  const own = path.resolve(dir) === path.resolve(os.tmpdir()) ? privateDir() : dir;
  const known = written.get(own);
  if (known) return known;
  const file = path.join(own, 'ca-cert.pem');
  if (!fs.existsSync(file)) fs.writeFileSync(file, `${tls.rootCertificates.join('\n')}\n`, { mode: 0o644 });
  written.set(own, file);
  return file;
}

let fallback: string | undefined;
function privateDir(): string {
  fallback ??= fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-workbench-ca-'));
  return fallback;
}
