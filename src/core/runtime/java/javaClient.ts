// Compiles Lambda Workbench's Java runtime client once per user with the function's JDK, into the
// per-user cache keyed by the client's source hash and the JDK version; later starts reuse the classes.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultCacheRoot } from '../../cacheRoot';
import { WorkbenchError } from '../../errors';
import type { Jdk } from './jdk';


const building = new Map<string, Promise<string>>();

function sourcesOf(sourceDir: string): string[] {
  const dir = path.join(sourceDir, 'lambdaworkbench');
  return fs.readdirSync(dir).filter((n) => n.endsWith('.java')).sort().map((n) => path.join(dir, n));
}

/** The cache key of the client sources compiled by `jdk`. */
export function clientKey(sourceDir: string, jdk: Jdk): string {
  const h = createHash('sha256');
  for (const f of sourcesOf(sourceDir)) h.update(path.basename(f)).update('\0').update(fs.readFileSync(f)).update('\0');
  h.update(jdk.version).update('\0').update(jdk.home);
  return h.digest('hex').slice(0, 24);
}

/** Returns the directory of the compiled client classes (the JVM's -cp), compiling it when missing. */
export function ensureJavaClient(sourceDir: string, jdk: Jdk): Promise<string> {
  const key = clientKey(sourceDir, jdk);
  const out = path.join(defaultCacheRoot(), 'java-client', key);
  if (fs.existsSync(path.join(out, 'lambdaworkbench', 'Main.class'))) return Promise.resolve(out);
  let pending = building.get(out);
  if (!pending) {
    pending = compile(sourceDir, jdk, out).finally(() => building.delete(out));
    building.set(out, pending);
  }
  return pending;
}

function compile(sourceDir: string, jdk: Jdk, out: string): Promise<string> {
  const tmp = `${out}.tmp-${process.pid}-${Date.now()}`;
  fs.mkdirSync(tmp, { recursive: true });
  // --release 11 keeps the classes loadable by every java* runtime's JDK (java11 and newer).
  const args = ['--release', '11', '-nowarn', '-encoding', 'UTF-8', '-d', tmp, ...sourcesOf(sourceDir)];
  return new Promise((resolve, reject) => {
    execFile(jdk.javac, args, { timeout: 120_000 }, (err, _stdout, stderr) => {
      if (err) {
        fs.rmSync(tmp, { recursive: true, force: true });
        reject(new WorkbenchError(`Compiling the Java runtime client with ${jdk.javac} failed: ${stderr.trim() || err.message}. Check that ${jdk.home} is a complete JDK ${jdk.major}.`, 'JavaClientBuild'));
        return;
      }
      try {
        fs.renameSync(tmp, out);
      } catch {
        // Another engine renamed its copy first: use that one.
        fs.rmSync(tmp, { recursive: true, force: true });
      }
      resolve(out);
    });
  });
}
