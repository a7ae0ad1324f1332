// The shape of a sample-event generator (`generate-event <source> <type>`): help, editable options
// with defaults, and a builder.
import type { Partition } from '../../arn';

/** What every builder may use. */
export interface SampleContext {
  readonly partition: Partition;
  /** Epoch ms used for timestamps. */
  readonly now: number;
}

/** One option of a sample type; every value is a string on the command line. */
export interface SampleOption {
  readonly default: string;
  readonly help: string;
}

/** One `<source> <type>` pair. */
export interface SampleType {
  readonly help: string;
  readonly options: Readonly<Record<string, SampleOption>>;
  build(options: Readonly<Record<string, string>>, ctx: SampleContext): Record<string, unknown>;
}
