// pip builds as `sam build` does them: the code is copied into the build directory and requirements.txt
// installed next to it with the interpreter of the function's runtime (the user's pip configuration and
// index apply); layers go to python/. An unreachable index is named with the requirement it blocked.
import * as path from 'node:path';
import { BuildFailedError, runStep, type StepContext } from './buildStep';
import { copySource } from './sourceTree';

/** Installs requirements.txt into the stage (or stage/python for a layer). */
export async function pipBuild(ctx: StepContext): Promise<void> {
  const dir = ctx.target.layer ? path.join(ctx.stage, 'python') : ctx.stage;
  await copySource(ctx.target.sourceDir, dir);
  const python = await ctx.python(ctx.target.runtime);
  try {
    await runStep(ctx, {
      command: python,
      args: ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--progress-bar', 'off', '-r', path.join(dir, 'requirements.txt'), '-t', dir],
      cwd: dir,
      toolHint: `a Python interpreter for ${ctx.target.runtime}`,
      explain: explainPip,
    });
  } catch (e) {
    throw await withIndexReachability(e);
  }
}

// "No matching distribution" is all pip says when it cannot connect without retries (or finds only
// local wheels): ask the index itself whether it answers, to tell a network problem from a bad requirement.
async function withIndexReachability(e: unknown): Promise<unknown> {
  if (!(e instanceof BuildFailedError)) return e;
  const requirement = /No matching distribution found for ([^\s]+)/.exec(e.output)?.[1];
  // Behind a proxy our own request would not go the way pip's did: keep pip's word then.
  const proxied = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'PIP_PROXY'].some((k) => process.env[k]);
  if (!requirement || proxied || NETWORK.test(e.output)) return e;
  const index = indexOf(e.output);
  const project = requirement.split(/[<>=!~;[ ]/)[0]!.toLowerCase().replace(/[-_.]+/g, '-');
  try {
    await fetch(`${index.replace(/\/+$/, '')}/${project}/`, { method: 'GET', signal: AbortSignal.timeout(5000) });
    return e;
  } catch {
    return new BuildFailedError(e.logicalId, unreachable(index, requirement), e.command, e.output);
  }
}

function indexOf(output: string): string {
  return /Looking in indexes: ([^\s,]+)/.exec(output)?.[1] ?? process.env.PIP_INDEX_URL ?? 'https://pypi.org/simple';
}

function unreachable(index: string, requirement: string | undefined): string {
  return `pip could not reach the package index ${index}${requirement ? ` to install ${requirement}` : ''}. Check your network and your pip index (PIP_INDEX_URL, or index-url in pip.conf / \`pip config list\`).`;
}

const NETWORK = /Failed to establish a new connection|Connection refused|NewConnectionError|Temporary failure in name resolution|Name or service not known|Max retries exceeded|ConnectTimeoutError|Network is unreachable/;

/** One line saying what went wrong, naming the requirement and the index. */
export function explainPip(output: string): string | undefined {
  if (/No module named pip/.test(output)) return 'this Python has no pip: install it (`python3 -m ensurepip --user`, or Debian\'s python3-pip) or choose an interpreter that has it.';
  const requirement = /No matching distribution found for ([^\s]+)/.exec(output)?.[1] ?? /satisfies the requirement ([^\s]+)/.exec(output)?.[1];
  const index = indexOf(output);
  if (NETWORK.test(output)) return unreachable(index, requirement);
  if (requirement) return `no version of ${requirement} on ${index} matches (check the name and version in requirements.txt, and that it supports this Python).`;
  return undefined;
}
