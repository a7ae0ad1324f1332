// Finds a JDK for a java* runtime: the setting, JAVA_HOME, /usr/lib/jvm, then `java` on PATH, preferring
// the runtime's major version. Reads each JDK's `release` file (no process spawned).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkbenchError } from '../../errors';

/** A JDK install: home, major and full version. */
export interface Jdk {
  readonly home: string;
  readonly java: string;
  readonly javac: string;
  readonly version: string;
  readonly major: number;
}

function readJdk(home: string): Jdk | undefined {
  try {
    const release = fs.readFileSync(path.join(home, 'release'), 'utf8');
    const version = /^JAVA_VERSION="([^"]+)"/m.exec(release)?.[1];
    if (!version) return undefined;
    const major = Number(version.startsWith('1.') ? version.split('.')[1] : version.split(/[.+-]/)[0]);
    const java = path.join(home, 'bin', 'java');
    const javac = path.join(home, 'bin', 'javac');
    if (!fs.existsSync(java)) return undefined;
    return { home, java, javac, version, major };
  } catch {
    return undefined;
  }
}

function onPathJavaHome(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, 'java');
    try {
      return path.dirname(path.dirname(fs.realpathSync(file)));
    } catch {
      // keep looking
    }
  }
  return undefined;
}

/** Every JDK found, in preference order (setting, JAVA_HOME, /usr/lib/jvm, PATH). */
export function listJdks(override?: string): Jdk[] {
  const homes: string[] = [];
  if (override) homes.push(override);
  if (process.env.JAVA_HOME) homes.push(process.env.JAVA_HOME);
  for (const root of ['/usr/lib/jvm', '/Library/Java/JavaVirtualMachines']) {
    try {
      for (const name of fs.readdirSync(root).sort()) homes.push(path.join(root, name), path.join(root, name, 'Contents', 'Home'));
    } catch {
      // no such folder
    }
  }
  const fromPath = onPathJavaHome();
  if (fromPath) homes.push(fromPath);
  const seen = new Set<string>();
  const out: Jdk[] = [];
  for (const h of homes) {
    let real: string;
    try {
      real = fs.realpathSync(h);
    } catch {
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    const jdk = readJdk(real);
    if (jdk) out.push(jdk);
  }
  return out;
}

/** The JDK to run `runtime` (java11, java17, java21, java25, java8.al2) with, and a warning when its major differs. */
export function findJdk(runtime: string, override?: string): { jdk: Jdk; mismatch: string | undefined } {
  const wanted = Number(/^java(\d+)/.exec(runtime)?.[1] ?? 0);
  const all = listJdks(override);
  const usable = all.filter((j) => fs.existsSync(j.javac));
  if (override && usable[0]?.home !== fs.realpathSync(override)) {
    throw new WorkbenchError(`lambdaWorkbench.javaHome is ${override}, which is not a JDK (no bin/java, bin/javac and release file). Point it at a JDK ${wanted} home.`, 'MissingInterpreter');
  }
  const exact = override ? usable[0] : usable.find((j) => j.major === wanted);
  const chosen = exact ?? usable.filter((j) => j.major >= wanted).sort((a, b) => a.major - b.major)[0] ?? usable[0];
  if (!chosen) {
    const jreOnly = all.length > 0 ? ` (found ${all.map((j) => j.home).join(', ')}, but without javac)` : '';
    throw new WorkbenchError(
      `A JDK is needed to run ${runtime} functions but none was found${jreOnly}. Install JDK ${wanted} (Debian/Ubuntu: apt-get install openjdk-${wanted}-jdk-headless, or Amazon Corretto ${wanted}), or set JAVA_HOME or lambdaWorkbench.javaHome.`,
      'MissingInterpreter',
    );
  }
  const mismatch = chosen.major === wanted ? undefined : `${runtime} functions run on the local JDK ${chosen.version} (${chosen.home}); behaviour specific to Java ${wanted} may differ.`;
  return { jdk: chosen, mismatch };
}
