// Node.js 24's programming model (the AWS Node runtime interface client v4 behind nodejs24.x): handlers
// declaring a callback are refused at init, the context has no done/succeed/fail nor
// callbackWaitsForEmptyEventLoop, and an invocation ends when the handler's result settles.
// Source of the message and rule: aws-lambda-nodejs-runtime-interface-client v4,
// src/context/constants.ts (CALLBACK_ERROR_NODEJS24_ABOVE) and src/function/callback-deprecation.ts
// (argsNum >= 3 and not a streaming handler), src/utils/errors.ts (Runtime.CallbackHandlerDeprecated).

/** Whether this environment runs a Node.js 24+ runtime (from AWS_EXECUTION_ENV=AWS_Lambda_nodejsNN.x). */
export function usesNode24Rules(env: NodeJS.ProcessEnv = process.env): boolean {
  const m = /^AWS_Lambda_nodejs(\d+)\.x$/.exec(env.AWS_EXECUTION_ENV ?? '');
  return !!m && Number(m[1]) >= 24;
}

export const CALLBACK_HANDLER_DEPRECATED =
  'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';

class CallbackHandlerDeprecatedError extends Error {
  constructor() {
    super(CALLBACK_HANDLER_DEPRECATED);
    this.name = 'Runtime.CallbackHandlerDeprecated';
  }
}

/** Throws Lambda's init error when the handler declares three or more parameters (async or not). */
export function rejectCallbackHandler(handler: { length: number }): void {
  if (handler.length >= 3) throw new CallbackHandlerDeprecatedError();
}
