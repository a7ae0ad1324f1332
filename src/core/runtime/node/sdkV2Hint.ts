// A hint after Lambda's own ImportModuleError log line when code on nodejs18.x+ requires the AWS SDK v2
// (`aws-sdk`), which those runtimes no longer include: Lambda fails the same way, but says nothing more.

/** The log line that explains a missing `aws-sdk` on nodejs18.x+, or undefined for any other error. */
export function sdkV2Hint(error: unknown, executionEnv: string | undefined): string | undefined {
  if (!(error instanceof Error) || error.name !== 'Runtime.ImportModuleError') return undefined;
  if (!/Cannot find (?:module|package) 'aws-sdk(?:\/[^']*)?'/.test(error.message)) return undefined;
  const runtime = /^AWS_Lambda_(nodejs\d+\.x)$/.exec(executionEnv ?? '')?.[1];
  if (!runtime || Number(/\d+/.exec(runtime)![0]) < 18) return undefined;
  return `Lambda Workbench: ${runtime} includes the AWS SDK for JavaScript v3 (@aws-sdk/*), not v2 ('aws-sdk'), so this fails on Lambda too. ` +
    `Add it to the function's dependencies (npm install aws-sdk), or move the code to the v3 clients (@aws-sdk/client-*).\n`;
}
