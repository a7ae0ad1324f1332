// What a java* function's CodeUri holds (an archive, a Maven or Gradle project, a classes folder): the
// template checks and the Java build both ask.
import * as path from 'node:path';
import { isFile } from './pathKind';

/** What a java* function's CodeUri holds. */
export type JavaCodeKind = 'archive' | 'maven' | 'gradle' | 'directory';

/** Whether this runtime is a Java one (the only runtimes this build applies to). */
export function isJavaRuntime(runtime: string): boolean {
  return /^java\d/.test(runtime);
}

/** Classifies a CodeUri (a path to a .jar/.zip, or a folder). */
export function javaCodeKind(codeUri: string): JavaCodeKind {
  if (/\.(jar|zip)$/i.test(codeUri) && isFile(codeUri)) return 'archive';
  if (isFile(path.join(codeUri, 'pom.xml'))) return 'maven';
  if (isFile(path.join(codeUri, 'build.gradle')) || isFile(path.join(codeUri, 'build.gradle.kts'))) return 'gradle';
  return 'directory';
}
