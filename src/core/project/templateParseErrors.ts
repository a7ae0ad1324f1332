// Which problems mean the template text could not be read at all (YAML or JSON syntax, alias bombs):
// while they last, the engine keeps the last project that did parse instead of an empty one.
import type { Problem } from './functionSpec';

const UNREADABLE = new Set(['yaml-syntax', 'yaml-aliases', 'template-invalid']);

/** The errors that make a project's template unreadable (empty when it parsed). */
export function templateParseErrors(project: { readonly problems: readonly Problem[]; readonly templatePath: string }): Problem[] {
  return project.problems.filter((p) => p.severity === 'error' && UNREADABLE.has(p.code) && p.file === project.templatePath);
}
