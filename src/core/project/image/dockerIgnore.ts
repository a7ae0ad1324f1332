// A build context's .dockerignore as a predicate: Docker's patterns (`*`, `?`, `**`, leading `!` to
// re-include), matched against a path and each of its parent folders.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Whether a context-relative path ('/'-separated) is excluded by the context's .dockerignore. */
export function dockerIgnore(context: string): (rel: string) => boolean {
  let text = '';
  try {
    text = fs.readFileSync(path.join(context, '.dockerignore'), 'utf8');
  } catch {
    return () => false;
  }
  const rules = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((l) => {
    const negate = l.startsWith('!');
    const pattern = path.posix.normalize((negate ? l.slice(1) : l).replace(/^\/+/, '')).replace(/\/$/, '');
    return { negate, re: globRegExp(pattern) };
  });
  return (rel) => {
    let excluded = false;
    const parts = rel.split('/');
    for (const rule of rules) {
      const hit = parts.some((_, i) => rule.re.test(parts.slice(0, i + 1).join('/')));
      if (hit) excluded = !rule.negate;
    }
    return excluded;
  };
}

/** A Docker-style glob (`*`, `?`, `**`) as a whole-path regular expression. */
export function globRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
