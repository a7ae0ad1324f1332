// The recorded files the parity runner scores, with the cases it re-enacts for each.
import { aliasCases } from './lambdaApiAliasCases';
import { eventInvokeCases } from './lambdaApiEventInvokeCases';
import { urlCases } from './lambdaApiUrlCases';
import { permissionCases } from './lambdaApiPermissionCases';
import { provisionedCases } from './lambdaApiProvisionedCases';
import { codeSigningCases } from './lambdaApiCodeSigningCases';
import { mappingCases } from './lambdaApiMappingCases';
import { sizeCases } from './lambdaApiSizeCases';
import { functionMoreCases } from './lambdaApiFunctionMoreCases';
import { snapStartCases } from './lambdaApiSnapStartCases';
import { loggingCases } from './lambdaApiLoggingCases';
import { miscCases } from './lambdaApiMiscCases';
import { functionCases } from './lambdaApiFunctionCases';
import type { ParityCase } from './parityCase';
import { commonCases } from './lambdaCommonCases';
import * as fs from 'node:fs';
import * as path from 'node:path';
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

const commonSnapshot = (): Record<string, { 'recorded-content': Record<string, any> }> =>
  JSON.parse(fs.readFileSync(path.join(__dirname, 'aws-snapshots', 'test_lambda_common.snapshot.json'), 'utf8')) as Record<string, { 'recorded-content': Record<string, any> }>;
const recordedCommon = (id: string, key: string): Record<string, any> | undefined =>
  commonSnapshot()[`tests/aws/services/lambda_/test_lambda_common.py::${id}`]?.['recorded-content'][key];

export const parityFiles: readonly ParityFile[] = [
  { name: 'test_lambda_common', cases: byId(commonCases(recordedCommon)), notPorted: () => 'not ported to this runner yet' },
  { name: 'test_lambda_api', cases: byId([...functionCases, ...validationCases, ...versionCases, ...aliasCases, ...tagCases, ...miscCases, ...loggingCases, ...eventInvokeCases, ...urlCases, ...permissionCases, ...provisionedCases, ...codeSigningCases, ...mappingCases, ...sizeCases, ...functionMoreCases, ...snapStartCases]), notPorted: () => 'not ported yet: the engine has no layer management API (PublishLayerVersion, GetLayerVersion, layer policies)' },
];
