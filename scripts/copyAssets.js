// Copies the files that ship beside the bundles but are not bundled (the Python runtime bootstrap).
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const from = path.join(root, 'src', 'core', 'runtime', 'python');
const to = path.join(root, 'dist', 'runtime', 'python');
fs.mkdirSync(to, { recursive: true });
for (const name of fs.readdirSync(from)) {
  if (name.endsWith('.py')) fs.copyFileSync(path.join(from, name), path.join(to, name));
}
// The Java runtime client's sources (compiled with the user's JDK on first use) and the Ruby bootstrap.
for (const [src, dest, ext] of [[['java', 'lambdaworkbench'], ['java', 'lambdaworkbench'], '.java'], [['ruby'], ['ruby'], '.rb']]) {
  const a = path.join(root, 'src', 'core', 'runtime', ...src);
  const b = path.join(root, 'dist', 'runtime', ...dest);
  fs.rmSync(b, { recursive: true, force: true });
  fs.mkdirSync(b, { recursive: true });
  for (const name of fs.readdirSync(a)) if (name.endsWith(ext)) fs.copyFileSync(path.join(a, name), path.join(b, name));
}
