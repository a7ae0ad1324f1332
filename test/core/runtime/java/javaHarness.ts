// Helpers of the Java runtime tests: the JDKs to run on, a no-dependency jar built with the JDK's own
// tools, and a template engine whose functions point at the Maven fixture (built once per run).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { fixture } from '../../../support/engine';

/** The JDKs of this machine the tests run on (JDK 17 always; Temurin 25 where installed). */
export function testJdks(): string[] {
  return ['/usr/lib/jvm/java-17-openjdk-amd64', '/usr/lib/jvm/temurin-25-jdk-amd64'].filter((h) => fs.existsSync(path.join(h, 'bin', 'javac')));
}

export const mavenApp = fixture('java', 'maven-app');

/** Compiles test/fixtures/java/plain into a jar (no dependencies at all) and returns its path. */
export function buildPlainJar(jdk: string, dir: string): string {
  const classes = path.join(dir, 'plain-classes');
  fs.mkdirSync(classes, { recursive: true });
  execFileSync(path.join(jdk, 'bin', 'javac'), ['--release', '11', '-d', classes, path.join(fixture('java', 'plain'), 'src', 'plain', 'Echo.java')]);
  const jar = path.join(dir, 'plain.jar');
  execFileSync(path.join(jdk, 'bin', 'jar'), ['cf', jar, '-C', classes, '.']);
  return jar;
}

/** A zip laid out like a Lambda deployment package: classes at the root, dependencies in lib/. */
export function zipOf(jdk: string, codeDir: string, dir: string): string {
  const zip = path.join(dir, 'app.zip');
  execFileSync(path.join(jdk, 'bin', 'jar'), ['cfM', zip, '-C', codeDir, '.']);
  return zip;
}

/** A temporary per-run cache, so the runtime client is compiled once per run and JDK; returns the undo. */
export function useTemporaryCache(): () => void {
  const saved = process.env.LAMBDA_WORKBENCH_CACHE;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-cache-'));
  process.env.LAMBDA_WORKBENCH_CACHE = dir;
  return () => {
    if (saved === undefined) delete process.env.LAMBDA_WORKBENCH_CACHE;
    else process.env.LAMBDA_WORKBENCH_CACHE = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

export function lambdaClient(url: string): LambdaClient {
  return new LambdaClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
}

/** Invokes through the real endpoint with the SDK; returns the parsed payload, FunctionError and tail log. */
export async function invoke(client: LambdaClient, name: string, event: unknown = {}): Promise<{ body: any; text: string; functionError: string | undefined; log: string }> {
  const out = await client.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(event)), LogType: 'Tail' }));
  const text = Buffer.from(out.Payload ?? new Uint8Array()).toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { body, text, functionError: out.FunctionError, log: Buffer.from(out.LogResult ?? '', 'base64').toString('utf8') };
}
