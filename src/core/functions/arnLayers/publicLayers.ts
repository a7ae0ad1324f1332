// AWS's well-known public layers that ship registry packages: Powertools for AWS Lambda. Instead of
// fetching them with AWS credentials, the engine installs the same packages from npm or PyPI.
import type { LayerArn } from '../../project/arnLayers/layerArn';

/** How to rebuild a public layer's content from a package registry. */
export interface PublicLayerRecipe {
  readonly description: string;
  /** `npm`: packages go to `nodejs/node_modules`; `pip`: to `python/`. */
  readonly installer: 'npm' | 'pip';
  /** Package specs; for npm, the @aws-lambda-powertools/* a function imports are added (see arnLayerFetcher). */
  readonly packages: readonly string[];
  /** The major version line the layer belongs to, for npm package ranges. */
  readonly range: string;
}

// Publisher accounts from the Powertools documentation (TypeScript: 094274105915; Python: 017000801446).
const TS_ACCOUNT = '094274105915';
const PY_ACCOUNT = '017000801446';

/** The registry recipe for a public layer, or undefined when the ARN is not one we know. */
export function publicLayerRecipe(layer: LayerArn): PublicLayerRecipe | undefined {
  if (layer.account === TS_ACCOUNT && /^AWSLambdaPowertoolsTypeScript(V\d+)?$/.test(layer.name)) {
    const major = /V(\d+)$/.exec(layer.name)?.[1] ?? '1';
    return { description: `Powertools for AWS Lambda (TypeScript) v${major}`, installer: 'npm', packages: ['@aws-lambda-powertools/commons'], range: `^${major}` };
  }
  if (layer.account === PY_ACCOUNT && /^AWSLambdaPowertoolsPython(V\d+)?(-|$)/.test(layer.name)) {
    const major = /PythonV(\d+)/.exec(layer.name)?.[1] ?? '1';
    // The core package only: the layer's optional extras (pydantic, aws-xray-sdk, ...) are not installed.
    return { description: `Powertools for AWS Lambda (Python) v${major}`, installer: 'pip', packages: [`aws-lambda-powertools>=${major},<${Number(major) + 1}`], range: `^${major}` };
  }
  return undefined;
}
