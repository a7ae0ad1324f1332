// The core's sample-event catalogue (`generate-event`) for the event picker: every source/type pair,
// built with its default options for the engine's partition (account and region).
import type { Partition } from '../../core/arn';
import { generateEvent, listSamples } from '../../core/events/samples/sampleEvents';
import type { SampleEvents } from './eventPicker';

/** Sample events for the picker; `partition` is read when one is generated. */
export function coreSampleEvents(partition: () => Promise<Partition>): SampleEvents {
  return {
    list: () => listSamples().map((s) => ({ id: `${s.source}\0${s.type}`, label: `${s.source} ${s.type}`, description: s.help })),
    generate: async (id) => {
      const [source = '', type = ''] = id.split('\0');
      return JSON.stringify(generateEvent(source, type, {}, await partition()), null, 2) + '\n';
    },
  };
}
