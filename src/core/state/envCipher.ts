// Environment variables at rest, encrypted the way Lambda encrypts them with a KMS key: AES-256-GCM with
// a key file in the user's configuration directory, created on first use and readable only by the user.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkbenchError } from '../errors';

/** Encrypted variables as stored on disk (`{}` when there are none, so nothing is written for them). */
export interface SealedEnvironment {
  readonly alg?: 'aes-256-gcm';
  readonly iv?: string;
  readonly tag?: string;
  readonly data?: string;
}

/** The default key location: `$XDG_CONFIG_HOME/lambda-workbench/env.key` (or `~/.config/...`). */
export function defaultKeyFile(): string {
  const base = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'lambda-workbench', 'env.key');
}

/** Seals and opens environment variable maps with one local key. */
export class EnvCipher {
  private key: Buffer | undefined;

  constructor(readonly keyFile: string = defaultKeyFile()) {}

  seal(vars: Readonly<Record<string, string>>): SealedEnvironment {
    if (Object.keys(vars).length === 0) return {};
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.loadKey(), iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(vars), 'utf8'), cipher.final()]);
    return { alg: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  }

  /** Decrypts; throws a WorkbenchError when the key is not the one the data was sealed with. */
  open(sealed: SealedEnvironment): Record<string, string> {
    if (!sealed.data || !sealed.iv || !sealed.tag) return {};
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.loadKey(), Buffer.from(sealed.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      const text = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
      return JSON.parse(text) as Record<string, string>;
    } catch {
      throw new WorkbenchError(`The environment variables cannot be decrypted with the key in ${this.keyFile} (was it replaced or deleted?).`, 'EnvDecrypt');
    }
  }

  private loadKey(): Buffer {
    if (this.key) return this.key;
    try {
      const text = fs.readFileSync(this.keyFile, 'utf8').trim();
      const key = Buffer.from(text, 'base64');
      if (key.length !== 32) throw new WorkbenchError(`${this.keyFile} is not a Lambda Workbench key (expected 32 bytes, base64).`, 'EnvKey');
      this.key = key;
      return key;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    fs.mkdirSync(path.dirname(this.keyFile), { recursive: true, mode: 0o700 });
    const key = randomBytes(32);
    try {
      fs.writeFileSync(this.keyFile, key.toString('base64') + '\n', { flag: 'wx', mode: 0o600 });
      this.key = key;
      return key;
    } catch (e) {
      // Another engine created it first: use theirs.
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return this.loadKey();
      throw e;
    }
  }
}
