// The Local root while another process owns the workspace's engine (issue 13): that engine's
// Lambda and CloudWatch Logs APIs through the SDK backend, presented as the local backend.
import type { Attachment } from '../engineAttachment';
import { loadBundle } from '../lazyBundle';
import { getAuthentication } from '../settings';
import type { LambdaBackend } from './lambdaBackend';

/** A backend that works through the engine described by `attachment`. */
export function attachedBackend(attachment: Attachment, templatePath: string | undefined): LambdaBackend {
  const { AwsBackend } = loadBundle<typeof import('./awsBackend')>('awsBackend');
  // Any keys pass a lenient engine; a strict one accepts the configured ones.
  const key = getAuthentication().keys[0] ?? { accessKeyId: 'AKIAWORKBENCHLOCAL00', secretAccessKey: 'lambda-workbench-local' };
  const remote = new AwsBackend({ profile: `pid ${attachment.holder.pid}`, region: 'us-east-1', endpointUrl: attachment.endpoint, credentials: key });
  const label = `Local (engine of pid ${attachment.holder.pid})`;
  // Same id and kind as the in-process local backend, so results, CodeLens and Debug treat it as local.
  return new Proxy(remote, {
    get: (target, prop) => {
      if (prop === 'id' || prop === 'kind') return 'local';
      if (prop === 'label') return label;
      if (prop === 'templatePath') return templatePath;
      return Reflect.get(target, prop, target) as unknown;
    },
  });
}
