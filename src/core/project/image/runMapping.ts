// Which Dockerfile RUN commands can run on the host as an image's build step (npm, pip, go in Go
// builder stages, simple file commands), rewritten so pip installs into the task root the way the
// image's Python would see it.
import { splitWords } from './dockerfile';

const ALLOWED = new Set(['npm', 'npx', 'yarn', 'pnpm', 'pip', 'pip3', 'python', 'python3', 'chmod', 'mkdir', 'rm', 'cp', 'mv', 'touch', 'echo', 'ls', 'true', 'cd']);

/** The command to run on the host, or the first part that cannot run without Docker. */
export function mapRun(command: string, runtime: string): string | { readonly command: string } {
  const parts = command.split(/(&&|\|\||;)/);
  const out: string[] = [];
  for (const part of parts) {
    if (part === '&&' || part === '||' || part === ';') {
      out.push(part);
      continue;
    }
    const words = splitWords(part.trim());
    let i = 0;
    while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!)) i++;
    const program = (words[i] ?? '').replace(/^.*\//, '');
    if (program === '') continue;
    // python3.12 / pip3.12 as the Lambda images name them are the image's own interpreter.
    const isPython = /^python(3(\.\d+)?)?$/.test(program);
    const isGo = program === 'go' && runtime === 'go';
    if (!ALLOWED.has(program) && !isPython && !isGo && !/^pip3(\.\d+)?$/.test(program)) return { command: part.trim() };
    const isPip = program.startsWith('pip') || (isPython && words[i + 1] === '-m' && words[i + 2] === 'pip');
    if (isPython && !isPip) return { command: part.trim() };
    if (isPip) {
      const rest = words.slice(program.startsWith('pip') ? i + 1 : i + 3);
      // The image's pip installs into its own site-packages; here the task root is on sys.path instead.
      const targeted = rest.some((w) => w === '-t' || w.startsWith('--target') || w.startsWith('--prefix') || w === '--user');
      // The build resolves LAMBDA_WORKBENCH_PYTHON to the runtime's Python version when the machine has it.
      const python = runtime.startsWith('python') ? '"$LAMBDA_WORKBENCH_PYTHON"' : 'python3';
      const args = rest.map(quote).join(' ');
      out.push(` ${python} -m pip ${args}${rest[0] === 'install' && !targeted ? ' --target "$LAMBDA_TASK_ROOT"' : ''} `);
      continue;
    }
    // Lambda runs Linux binaries: a Go builder stage targets Linux whatever the host.
    out.push(isGo && !/\bGOOS=/.test(part) ? ` GOOS=linux${/\bCGO_ENABLED=/.test(part) ? '' : ' CGO_ENABLED=0'} ${part.trim()} ` : part);
  }
  return out.join('').trim();
}

function quote(w: string): string {
  return /^[A-Za-z0-9_@%+=:,./${}-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}
