// A JavaScript handler: counts warm invocations in module scope and echoes the event.
let invocations = 0;
const loadedAt = new Date().toISOString();

exports.handler = async (event, context) => {
  invocations += 1;
  console.log('hello from', context.functionName, 'invocation', invocations);
  return {
    message: `Hello ${event.name ?? 'world'}`,
    invocations,
    loadedAt,
    requestId: context.awsRequestId,
    remainingMs: context.getRemainingTimeInMillis(),
  };
};
