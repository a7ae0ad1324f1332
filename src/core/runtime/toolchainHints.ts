// What to tell the user when a runtime's toolchain cannot run here: the exact thing to install, and what
// works today instead. .NET and PowerShell are detected on PATH (dotnet / pwsh) so the message says
// what was found.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runtimeEntry } from '../runtimeTable';

/** The first executable `name` on PATH, if any. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

const DOTNET_INSTALL = 'https://learn.microsoft.com/dotnet/core/install/linux';

/** The message for a runtime this engine does not start, naming what to install or what to use instead. */
export function missingToolMessage(runtime: string, env: NodeJS.ProcessEnv = process.env): string {
  const entry = runtimeEntry(runtime);
  const base = `The runtime ${runtime} cannot run locally: Lambda Workbench runs nodejs*, python3.* and provided* functions.`;
  if (entry?.language === 'dotnet') {
    const major = entry.accepted ? entry.version : '8';
    const dotnet = findOnPath('dotnet', env);
    const have = dotnet
      ? `.NET was found at ${dotnet}, but class-library handlers (Assembly::Namespace.Type::Method) are not started by the engine yet.`
      : `.NET is not installed: install the .NET ${major} SDK (${DOTNET_INSTALL}; Debian/Ubuntu: apt-get install dotnet-sdk-${major}.0 from packages.microsoft.com).`;
    return `${base} ${have} What runs today: build the function as an executable assembly with Amazon.Lambda.RuntimeSupport (LambdaBootstrapBuilder), publish it as \`bootstrap\` (dotnet publish -r linux-x64 --self-contained) and set Runtime: provided.al2023.`;
  }
  if (entry?.language === 'python' && entry.version.startsWith('2')) {
    return `${base} Python 2 code does not run on Python 3; change Runtime to a python3.x runtime.`;
  }
  return base;
}

/** PowerShell functions on Lambda are provided.al2/al2023 with the PowerShell runtime layer: whether pwsh is here. */
export function powershellHint(env: NodeJS.ProcessEnv = process.env): string {
  const pwsh = findOnPath('pwsh', env);
  return pwsh
    ? `PowerShell was found at ${pwsh}: a function built with the AWS Lambda PowerShell runtime (a \`bootstrap\` that starts pwsh) runs as provided.al2023.`
    : 'PowerShell (pwsh) is not installed: install PowerShell 7 (https://learn.microsoft.com/powershell/scripting/install/install-debian; Debian: apt-get install powershell from packages.microsoft.com) to run functions built with the AWS Lambda PowerShell runtime as provided.al2023.';
}
