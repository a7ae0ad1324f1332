// A TypeScript handler; the engine bundles it with esbuild and maps breakpoints and stack traces back here.
import { greet } from './greet';

interface Event {
  name?: string;
}

interface Context {
  awsRequestId: string;
  getRemainingTimeInMillis(): number;
}

export const handler = async (event: Event, context: Context) => {
  const message = greet(event.name ?? 'world');
  console.log(message);
  return { message, requestId: context.awsRequestId, remainingMs: context.getRemainingTimeInMillis() };
};
