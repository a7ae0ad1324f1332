// The recorded files the parity runner scores, with the cases it re-enacts for each.
import { aliasCases } from './lambdaApiAliasCases';
import { functionCases } from './lambdaApiFunctionCases';
import type { ParityCase } from './parityCase';
import { tagCases } from './lambdaApiTagCases';
import { validationCases } from './lambdaApiValidationCases';
import { versionCases } from './lambdaApiVersionCases';

export interface ParityFile {
  readonly name: string;
  readonly cases: ReadonlyMap<string, ParityCase>;
  /** Why a recorded, validated case has no runner yet. */
  readonly notPorted: (id: string) => string;
}

const byId = (cases: readonly ParityCase[]): Map<string, ParityCase> => new Map(cases.map((c) => [c.id, c]));

export const parityFiles: readonly ParityFile[] = [
  { name: 'test_lambda_api', cases: byId([...functionCases, ...validationCases, ...versionCases, ...aliasCases, ...tagCases]), notPorted: () => 'not ported to this runner yet' },
];
