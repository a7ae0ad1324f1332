// `pull <function>`: brings a deployed function home (its code and configuration, with a generated SAM
// template) through GetFunction and the user's AWS credential chain; Ctrl-C cancels the download.
import * as path from 'node:path';
import { pullFunction, type PullStep } from '../core/remote/pullFunction';
import { emitJson, usageError } from './cliOutput';
import type { Values } from './engineFromArgs';

export const pullUsage = 'lambda-workbench pull <function> [--region R] [--profile P] [--qualifier Q] [--dir FOLDER] [--force] [--endpoint-url URL] [--json]';

const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export async function pull(values: Values, positionals: string[]): Promise<number> {
  const name = positionals[0];
  if (!name || positionals.length > 1) throw usageError(`pull takes one function name or ARN: ${pullUsage}`);
  const region = str(values.region) ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? /^arn:[^:]+:lambda:([^:]+):/.exec(name)?.[1];
  if (!region) throw usageError('pull needs a region: pass --region (or set AWS_REGION).');
  const profile = str(values.profile);
  const endpointUrl = str(values['endpoint-url']);
  const baseName = /:function:([^:]+)/.exec(name)?.[1] ?? name;
  const directory = path.resolve(str(values.dir) ?? baseName);
  const controller = new AbortController();
  const onInt = (): void => controller.abort();
  process.once('SIGINT', onInt);
  let lastPercent = -1;
  const progress = (s: PullStep): void => {
    if (values.json) return;
    if (s.phase === 'download') {
      const percent = s.total ? Math.floor((s.received / s.total) * 10) * 10 : -1;
      if (percent === lastPercent) return;
      lastPercent = percent;
      process.stderr.write(`Downloading the code: ${(s.received / 1024).toFixed(0)} KB${s.total ? ` of ${(s.total / 1024).toFixed(0)} KB` : ''}\n`);
    } else process.stderr.write(s.phase === 'configuration' ? `GetFunction ${name} in ${region}${profile ? ` (profile ${profile})` : ''} ...\n` : s.phase === 'extract' ? 'Extracting ...\n' : 'Writing template.yaml ...\n');
  };
  try {
    const r = await pullFunction({
      target: { region, ...(profile ? { profile } : {}), ...(endpointUrl ? { endpointUrl } : {}) },
      functionName: name,
      ...(str(values.qualifier) ? { qualifier: str(values.qualifier) } : {}),
      directory,
      force: Boolean(values.force),
      signal: controller.signal,
      onProgress: progress,
    });
    if (emitJson(values, r)) return 0;
    const rel = path.relative(process.cwd(), r.templatePath) || r.templatePath;
    process.stdout.write(
      [
        `Pulled ${r.functionName} (${r.runtime}, ${r.handler}): ${r.files} files into ${path.relative(process.cwd(), r.codeDir) || r.codeDir}, configuration in ${rel}.`,
        ...r.notes.map((n) => `Note: ${n}`),
        `Run it locally: lambda-workbench invoke ${r.functionName} --template ${rel}`,
      ].join('\n') + '\n',
    );
    return 0;
  } finally {
    process.off('SIGINT', onInt);
  }
}
