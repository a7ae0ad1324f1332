// The sample-event catalogue (`generate-event <source> <type>`, like `sam local generate-event`):
// lists what exists and builds one event from options, checking names and values.
import type { Partition } from '../../arn';
import { WorkbenchError } from '../../errors';
import { authorizerSamples, websocketSample } from './authorizerSamples';
import { brokerSamples } from './brokerSamples';
import { cognitoSamples } from './cognitoSamples';
import { edgeSamples } from './edgeSamples';
import { httpSamples } from './httpSamples';
import { recordSamples } from './recordSamples';
import type { SampleType } from './sampleTypes';
import { serviceSamples } from './serviceSamples';

/** Every source and its types. */
export const sampleCatalog: Readonly<Record<string, Readonly<Record<string, SampleType>>>> = {
  ...httpSamples,
  apigateway: { ...httpSamples['apigateway'], ...authorizerSamples, websocket: websocketSample },
  ...recordSamples,
  ...cognitoSamples,
  ...brokerSamples,
  ...edgeSamples,
  ...serviceSamples,
};

/** `source type: help` lines, for listings and the UI. */
export function listSamples(): { source: string; type: string; help: string; options: SampleType['options'] }[] {
  return Object.entries(sampleCatalog).flatMap(([source, types]) => Object.entries(types).map(([type, t]) => ({ source, type, help: t.help, options: t.options })));
}

/** Every option name any sample takes (the CLI declares them all). */
export function allSampleOptions(): string[] {
  return [...new Set(listSamples().flatMap((s) => Object.keys(s.options)))].sort();
}

/** Builds one sample; throws WorkbenchError naming what is accepted when something is off. */
export function generateEvent(source: string, type: string, options: Readonly<Record<string, string | undefined>>, partition: Partition, now = Date.now()): Record<string, unknown> {
  const types = sampleCatalog[source];
  if (!types) throw new WorkbenchError(`Unknown event source '${source}'. Sources: ${Object.keys(sampleCatalog).join(', ')}.`, 'UnknownSample');
  const sample = types[type];
  if (!sample) throw new WorkbenchError(`Unknown ${source} event type '${type}'. Types: ${Object.keys(types).join(', ')}.`, 'UnknownSample');
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (!(name in sample.options)) {
      throw new WorkbenchError(`${source} ${type} does not take --${name}; it takes ${Object.keys(sample.options).map((o) => `--${o}`).join(', ')}.`, 'SampleOption');
    }
    values[name] = value;
  }
  for (const [name, o] of Object.entries(sample.options)) values[name] ??= o.default;
  try {
    return sample.build(values, { partition, now });
  } catch (e) {
    throw new WorkbenchError(`${source} ${type}: ${(e as Error).message}`, 'SampleOption');
  }
}
