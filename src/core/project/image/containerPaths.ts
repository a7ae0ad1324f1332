// Paths inside a container image: Lambda's task root and POSIX path arithmetic on container paths.

/** Lambda's task root inside the image. */
export const TASK_ROOT = '/var/task';

/** `p` made absolute against `cwd`, normalized (container paths). */
export function absolute(p: string, cwd: string): string {
  const joined = p.startsWith('/') ? p : `${cwd.replace(/\/$/, '')}/${p}`;
  const parts: string[] = [];
  for (const s of joined.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') parts.pop();
    else parts.push(s);
  }
  return '/' + parts.join('/');
}

/** Whether a container path lies in the task root. */
export function inTaskRoot(p: string): boolean {
  return p === TASK_ROOT || p.startsWith(TASK_ROOT + '/');
}
