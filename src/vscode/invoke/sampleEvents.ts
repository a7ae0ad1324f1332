// The core's sample-event catalogue (`generate-event`) for the event picker: every source/type pair,
// built with its default options for the engine's partition (account and region), and the samples
// that match a local function's own triggers in the template.
import type { Partition } from '../../core/arn';
import { generateEvent, listSamples } from '../../core/events/samples/sampleEvents';
import { triggerSamples } from '../../core/events/samples/triggerSamples';
import type { Project } from '../../core/project';
import type { SampleEvents } from './eventPicker';

/** Sample events for the picker; `partition` is read when one is generated, `project` when a function's triggers are asked for. */
export function coreSampleEvents(partition: () => Promise<Partition>, project?: () => Promise<Project | undefined>): SampleEvents {
  return {
    list: () => listSamples().map((s) => ({ id: `${s.source}\0${s.type}`, label: `${s.source} ${s.type}`, description: s.help })),
    forFunction: async (t) => {
      if (t.backendId !== 'local' || !project) return [];
      const p = await project();
      const spec = p?.functions.find((f) => f.functionName === t.functionName);
      return spec && p ? triggerSamples(spec, p).map((s) => ({ id: `${s.source}\0${s.type}\0${JSON.stringify(s.options)}`, label: `${s.source} ${s.type}`, description: `matches its trigger: ${s.label}` })) : [];
    },
    generate: async (id) => {
      const [source = '', type = '', options = '{}'] = id.split('\0');
      return JSON.stringify(generateEvent(source, type, JSON.parse(options) as Record<string, string>, await partition()), null, 2) + '\n';
    },
  };
}
