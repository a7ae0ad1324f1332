// The test cloud as its own process (for the code-server suite, whose extension host cannot start an
// engine from the test bundle): prints one JSON line with the endpoints, stops on SIGTERM or SIGINT.
import { startTestCloud } from './testCloud';

void startTestCloud().then((cloud) => {
  process.stdout.write(JSON.stringify({ region: cloud.target.region, endpoints: cloud.target.endpoints, credentials: cloud.target.credentials }) + '\n');
  const stop = (): void => void cloud.dispose().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
