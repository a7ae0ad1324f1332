// Turns a java* function's CodeUri into the code directory Lambda would run: a .jar/.zip unpacked (as
// Lambda unpacks it), or a Maven project built with the local `mvn` into the state directory (classes at
// the root, runtime dependencies in lib/, like `sam build`). Gradle projects get a clear message.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkbenchError } from '../errors';
import { isJavaRuntime, javaCodeKind, type JavaCodeKind } from '../project/javaCode';
import { extractZip } from '../project/zipReader';
import { isFile } from '../project/pathKind';

export { isJavaRuntime, javaCodeKind, type JavaCodeKind };

export interface JavaBuildOptions {
  /** Progress lines for the user (the build's phases). */
  readonly onProgress?: (message: string) => void;
  readonly signal?: AbortSignal;
  /** `mvn` to run; found on PATH by default. */
  readonly mvn?: string;
}

/**
 * The code directory to run for `codeUri`, building or unpacking under `buildRoot` when needed (one
 * folder per CodeUri, so functions sharing a project share its build).
 */
export async function prepareJavaCode(logicalId: string, codeUri: string, buildRoot: string, options: JavaBuildOptions = {}): Promise<string> {
  const kind = javaCodeKind(codeUri);
  const outDir = path.join(buildRoot, `java-${createHash('sha256').update(path.resolve(codeUri)).digest('hex').slice(0, 16)}`);
  if (kind === 'directory') return codeUri;
  if (kind === 'archive') return unpack(codeUri, outDir);
  if (kind === 'gradle') {
    throw new WorkbenchError(
      `${logicalId}: CodeUri ${codeUri} is a Gradle project, which Lambda Workbench does not build yet. Run \`gradle build\` with a task that zips the classes and runtime dependencies (lib/), and point CodeUri at that .zip (or at a folder of classes with lib/).`,
      'JavaBuild',
    );
  }
  return buildMaven(logicalId, codeUri, outDir, options);
}

function unpack(archive: string, outDir: string): string {
  const st = fs.statSync(archive);
  const stamp = `${path.resolve(archive)}\0${st.size}\0${st.mtimeMs}`;
  const code = path.join(outDir, 'code');
  const stampFile = path.join(outDir, 'code.stamp');
  if (readOr(stampFile) === stamp && fs.existsSync(code)) return code;
  fs.rmSync(code, { recursive: true, force: true });
  fs.mkdirSync(code, { recursive: true });
  extractZip(fs.readFileSync(archive), code);
  fs.writeFileSync(stampFile, stamp);
  return code;
}

function readOr(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** A fingerprint of the inputs Maven reads (pom.xml and src/): path, size and mtime of each file. */
function mavenFingerprint(project: string): string {
  const h = createHash('sha256');
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        const st = fs.statSync(p);
        h.update(`${path.relative(project, p)}\0${st.size}\0${st.mtimeMs}\n`);
      }
    }
  };
  h.update(fs.readFileSync(path.join(project, 'pom.xml')));
  if (fs.existsSync(path.join(project, 'src'))) walk(path.join(project, 'src'));
  return h.digest('hex');
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const f = path.join(dir, name);
    if (isFile(f)) return f;
  }
  return undefined;
}

async function buildMaven(logicalId: string, project: string, outDir: string, options: JavaBuildOptions): Promise<string> {
  const code = path.join(outDir, 'code');
  const stampFile = path.join(outDir, 'code.stamp');
  const stamp = mavenFingerprint(project);
  if (readOr(stampFile) === stamp && fs.existsSync(code)) return code;
  const mvn = options.mvn ?? onPath('mvn');
  if (!mvn) {
    throw new WorkbenchError(
      `${logicalId}: CodeUri ${project} is a Maven project (pom.xml) but \`mvn\` was not found on PATH. Install Maven (Debian/Ubuntu: apt-get install maven) or build it yourself and point CodeUri at the .jar or .zip.`,
      'JavaBuild',
    );
  }
  // Maven writes target/ beside pom.xml: build a copy of pom.xml and src/ so the workspace stays untouched.
  const work = path.join(outDir, 'maven');
  fs.rmSync(path.join(work, 'src'), { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  fs.copyFileSync(path.join(project, 'pom.xml'), path.join(work, 'pom.xml'));
  if (fs.existsSync(path.join(project, 'src'))) fs.cpSync(path.join(project, 'src'), path.join(work, 'src'), { recursive: true });
  options.onProgress?.(`${logicalId}: mvn package (${project})`);
  const args = ['-q', '-B', '-DskipTests', 'package', 'dependency:copy-dependencies', '-DincludeScope=runtime'];
  await new Promise<void>((resolve, reject) => {
    execFile(mvn, args, { cwd: work, maxBuffer: 16 * 1024 * 1024, ...(options.signal ? { signal: options.signal } : {}) }, (err, stdout, stderr) => {
      if (!err) return resolve();
      if (err.name === 'AbortError') return reject(new WorkbenchError(`${logicalId}: the Maven build was cancelled.`, 'JavaBuild'));
      const output = `${stdout}${stderr}`.trim().split('\n').slice(-30).join('\n');
      reject(new WorkbenchError(`${logicalId}: \`mvn package\` failed in ${project}:\n${output}`, 'JavaBuild'));
    });
  });
  const target = path.join(work, 'target');
  fs.rmSync(code, { recursive: true, force: true });
  fs.mkdirSync(path.join(code, 'lib'), { recursive: true });
  if (fs.existsSync(path.join(target, 'classes'))) fs.cpSync(path.join(target, 'classes'), code, { recursive: true });
  const deps = path.join(target, 'dependency');
  for (const jar of fs.existsSync(deps) ? fs.readdirSync(deps) : []) if (jar.endsWith('.jar')) fs.copyFileSync(path.join(deps, jar), path.join(code, 'lib', jar));
  fs.writeFileSync(stampFile, stamp);
  options.onProgress?.(`${logicalId}: built into ${code}`);
  return code;
}
