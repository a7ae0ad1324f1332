// `invoke --sample trigger|<source>/<type>`: sends a generated sample event, by default the one that
// matches the function's own trigger in the template; without --event, says which sample would fit.
import { defaultPartition } from '../core/arn';
import { WorkbenchError } from '../core/errors';
import { generateEvent } from '../core/events/samples/sampleEvents';
import { triggerSamples, type TriggerSample } from '../core/events/samples/triggerSamples';
import { findTemplate, loadProject } from '../core/project';
import { parseParameterOverrides, type Values } from './engineFromArgs';

/** The trigger samples of a template function (by name or logical id); empty when there is no template or function. */
export async function functionTriggerSamples(values: Values, name: string): Promise<TriggerSample[]> {
  const templatePath = await findTemplate(process.cwd(), values.template as string | undefined).catch(() => undefined);
  if (!templatePath) return [];
  const parameterOverrides = parseParameterOverrides(values['parameter-overrides'] as string | undefined);
  const project = await loadProject({ templatePath, partition: defaultPartition, ...(parameterOverrides ? { parameterOverrides } : {}) }).catch(() => undefined);
  const spec = project?.functions.find((f) => f.functionName === name || f.logicalId === name);
  return spec && project ? triggerSamples(spec, project) : [];
}

/** The command that prints a trigger's sample. */
export function generateCommandOf(s: TriggerSample): string {
  return `lambda-workbench generate-event ${s.source} ${s.type}${Object.entries(s.options).map(([k, v]) => ` --${k} ${JSON.stringify(v)}`).join('')}`;
}

/** The payload `--sample` asks for; tells on stderr which sample it is. */
export async function samplePayload(values: Values, name: string, sample: string): Promise<Buffer> {
  let chosen: TriggerSample;
  if (sample === 'trigger') {
    const found = await functionTriggerSamples(values, name);
    if (found.length === 0) throw new WorkbenchError(`${name} has no trigger in the template that a sample event fits. Choose one with --sample <source>/<type> (lambda-workbench generate-event lists them).`, 'NoTrigger');
    chosen = found[0]!;
    if (found.length > 1) process.stderr.write(`${name} has ${found.length} triggers; sending the first. Others: ${found.slice(1).map((s) => `--sample ${s.source}/${s.type}`).join(', ')}\n`);
  } else {
    const [source, type] = sample.split(/[/ ]/);
    if (!source || !type) throw new WorkbenchError(`--sample expects "trigger" or <source>/<type> (e.g. sqs/receive-message), got '${sample}'.`);
    const own = (await functionTriggerSamples(values, name)).find((s) => s.source === source && s.type === type);
    chosen = own ?? { source, type, options: {}, label: `${source} ${type}` };
  }
  process.stderr.write(`Sending the ${chosen.source} ${chosen.type} sample event (${chosen.label}).\n`);
  return Buffer.from(JSON.stringify(generateEvent(chosen.source, chosen.type, chosen.options, defaultPartition)));
}

/**
 * Without --event or --sample: the sample event of the function's own trigger (what it receives on Lambda),
 * announced on stderr; undefined when it has no trigger a sample fits (the caller sends {}).
 */
export async function defaultTriggerPayload(values: Values, name: string): Promise<Buffer | undefined> {
  const found = await functionTriggerSamples(values, name);
  if (found.length === 0) return undefined;
  const chosen = found[0]!;
  process.stderr.write(`No --event: sending the ${chosen.source} ${chosen.type} sample event of ${name}'s trigger (${chosen.label}); pass --event FILE (or --event - with {} on stdin) to send your own. Print it: ${generateCommandOf(chosen)}\n`);
  return Buffer.from(JSON.stringify(generateEvent(chosen.source, chosen.type, chosen.options, defaultPartition)));
}
