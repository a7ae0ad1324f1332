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
