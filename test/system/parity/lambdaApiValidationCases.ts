// test_lambda_api.py::TestLambdaFunction::test_function_name_and_qualifier_validation: 17 malformed
// names and qualifiers against GetFunction, DeleteFunction, Invoke and CreateFunction.
import { bytes } from './boto3Client';
import { type CaseContext, type ParityCase, PYTHON_ECHO, pythonZip } from './parityCase';

const a = (n: number): string => 'a'.repeat(n);

const inputs: Record<string, { FunctionName: string; Qualifier?: string }> = {
  invalid_characters_in_function_name: { FunctionName: 'my-function!' },
  function_name_is_single_invalid: { FunctionName: '*' },
  invalid_characters_in_qualifier: { FunctionName: 'my-function', Qualifier: 'invalid!' },
  qualifier_too_long: { FunctionName: 'my-function', Qualifier: a(129) },
  invalid_account_id_in_partial_arn: { FunctionName: 'invalid-account:function:my-function' },
  invalid_region_in_arn: { FunctionName: 'arn:aws:lambda:invalid-region:{account}:function:my-function' },
  non_lambda_arn: { FunctionName: 'arn:aws:ec2:{region}:{account}:instance:i-1234567890abcdef0' },
  function_name_too_long: { FunctionName: a(65) },
  function_name_too_long_and_invalid_region: { FunctionName: `arn:aws:lambda:invalid-region:{account}:function:my-function${a(170)}` },
  full_arn_and_qualifier_too_long_and_invalid_region: { FunctionName: `arn:aws:lambda:invalid-region:{account}:function:my-function-${a(170)}`, Qualifier: a(129) },
  full_arn_with_multiple_qualifiers: { FunctionName: 'arn:aws:lambda:{region}:{account}:function:my-function:1:2' },
  incomplete_arn: { FunctionName: 'arn:aws:lambda:{region}:{account}:function' },
  partial_arn_with_extra_qualifier: { FunctionName: 'function:my-function:$LATEST:extra' },
  latest_version_with_additional_qualifier: { FunctionName: 'arn:aws:lambda:{region}:{account}:function:my-function:$LATEST', Qualifier: '1' },
  lowercase_latest_qualifier: { FunctionName: 'arn:aws:lambda:{region}:{account}:function:my-function', Qualifier: '$latest' },
  missing_region_in_arn: { FunctionName: 'arn:aws:lambda::{account}:function:my-function' },
  missing_account_id_in_arn: { FunctionName: 'arn:aws:lambda:{region}::function:my-function' },
  misspelled_latest_in_arn: { FunctionName: 'arn:aws:lambda:{region}:{account}:function:my-function:$LATES' },
};

// Recorded under ids the test code at the archived commit no longer has: their inputs are unknown.
const stale = ['qualifier_too_long0', 'qualifier_too_long1', 'function_name_and_qualifier_too_long'];

/** The recording keeps only the code and the sorted constraint violations (or the message). */
function summarize(error: Record<string, any>): Record<string, unknown> {
  const message = String(error.Error?.Message ?? '');
  const found = message.match(/(Value '.*?' at '.*?' failed to satisfy constraint: .+?(?=;|$))/g);
  if (found) return { Code: error.Error?.Code, Errors: [...found].sort(), Count: found.length };
  return { Code: error.Error?.Code, Message: message };
}

async function attempt(ctx: CaseContext, op: string, input: { FunctionName: string; Qualifier?: string }): Promise<Record<string, any>> {
  if (op !== 'create_function') return ctx.fail(op, { ...input });
  const name = input.Qualifier ? `${input.FunctionName}:${input.Qualifier}` : input.FunctionName;
  return ctx.fail('create_function', { FunctionName: name, Handler: 'index.handler', Code: { ZipFile: bytes(pythonZip(PYTHON_ECHO)) }, PackageType: 'Zip', Role: ctx.role, Runtime: 'python3.12' });
}

const validationCase = (input: string, op: string): ParityCase => ({
  id: `TestLambdaFunction::test_function_name_and_qualifier_validation[${input}-${op}]`,
  run: async (ctx) => {
    const spec = inputs[input] as { FunctionName: string; Qualifier?: string };
    const FunctionName = spec.FunctionName.replace('{account}', ctx.account).replace('{region}', ctx.region);
    const error = await attempt(ctx, op, { ...spec, FunctionName });
    ctx.match(`${op}_exception`, summarize(error));
  },
});

/** Every recorded input x operation. */
export const validationCases: readonly ParityCase[] = [
  ...Object.keys(inputs).flatMap((input) => ['get_function', 'delete_function', 'invoke', 'create_function'].map((op) => validationCase(input, op))),
  ...stale.flatMap((input) =>
    ['get_function', 'delete_function', 'invoke', 'create_function'].map((op) => ({
      id: `TestLambdaFunction::test_function_name_and_qualifier_validation[${input}-${op}]`,
      skip: 'recorded under a parametrization the archived test code no longer defines, so its inputs are unknown',
    })),
  ),
];
