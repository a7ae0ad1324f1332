// `BuildMethod: go1.x` on provided.al2023 / provided.al2: `go build` of the module in CodeUri into an
// executable `bootstrap` for Linux on this machine's architecture (so it runs here), without cgo as SAM does.
import * as path from 'node:path';
import { runStep, type StepContext } from './buildStep';

const GOARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64' };

export async function goBuild(ctx: StepContext): Promise<void> {
  const props = (ctx.target.metadata['BuildProperties'] ?? {}) as Record<string, unknown>;
  // SAM builds the package in CodeUri; BuildProperties.Main may name another package of the module.
  const main = typeof props['Main'] === 'string' ? props['Main'] : '.';
  await runStep(ctx, {
    command: 'go',
    args: ['build', '-o', path.join(ctx.stage, 'bootstrap'), main],
    cwd: ctx.target.sourceDir,
    env: { GOOS: 'linux', GOARCH: GOARCH[process.arch] ?? process.arch, CGO_ENABLED: '0' },
    toolHint: 'the Go toolchain (https://go.dev/dl; Debian: apt install golang)',
    explain: (out) => (/missing go\.sum entry/.test(out) ? 'go.sum is missing entries: run `go mod tidy` in the function folder.' : undefined),
  });
}
