// The driver's side of the test channel: a loopback HTTP server the tests inside the extension host
// call to take screenshots, type into the workbench, wait for text on screen, and hand in results.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { CdpPage } from './chromium';

/** What the test runner reports at the end (test/vscode/index.ts writes the same JSON). */
export interface RunResults {
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly failures: readonly { readonly title: string; readonly error: string }[];
  readonly tests: readonly { readonly title: string; readonly state: string; readonly durationMs: number }[];
}

export interface DriverServer {
  readonly url: string;
  /** Resolves with the results the test runner posts. */
  readonly results: Promise<RunResults>;
  close(): Promise<void>;
}

/** Starts the server; `page` resolves once the browser is up. */
export async function startDriverServer(page: Promise<CdpPage>, screenshotsDir: string, log: (line: string) => void): Promise<DriverServer> {
  let deliver: (r: RunResults) => void = () => undefined;
  const results = new Promise<RunResults>((resolve) => (deliver = resolve));
  const handlers: Record<string, (body: Record<string, unknown>) => Promise<unknown>> = {
    '/screenshot': async (b) => {
      const p = await page;
      if (typeof b.waitForText === 'string') await p.waitForText(b.waitForText, typeof b.selector === 'string' ? b.selector : 'body');
      const name = String(b.name).replace(/[^\w.-]+/g, '-');
      fs.mkdirSync(screenshotsDir, { recursive: true });
      const file = path.join(screenshotsDir, `${name}.png`);
      fs.writeFileSync(file, await p.screenshot());
      log(`screenshot ${path.relative(process.cwd(), file)}`);
      return { file };
    },
    '/waitForText': async (b) => ({ found: await (await page).waitForText(String(b.text), typeof b.selector === 'string' ? b.selector : 'body', typeof b.timeoutMs === 'number' ? b.timeoutMs : 15000) }),
    '/sideBarWidth': async (b) => ((await (await page).setSideBarWidth(Number(b.width))), {}),
    '/type': async (b) => ((await (await page).type(String(b.text))), {}),
    '/press': async (b) => ((await (await page).press(String(b.key))), {}),
    '/evaluate': async (b) => ({ value: await (await page).evaluate(String(b.expression)) }),
    '/waitFor': async (b) => ({ found: await (await page).waitFor(String(b.condition), typeof b.timeoutMs === 'number' ? b.timeoutMs : 15000) }),
    '/evaluateInFrame': async (b) => ({ value: await (await page).evaluateInFrame(String(b.match), String(b.expression), typeof b.timeoutMs === 'number' ? b.timeoutMs : 15000) }),
    '/log': async (b) => (log(`test: ${String(b.line)}`), {}),
    '/results': async (b) => (deliver(b as unknown as RunResults), {}),
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const handler = req.method === 'POST' ? handlers[req.url ?? ''] : undefined;
      if (!handler) {
        res.writeHead(404).end();
        return;
      }
      handler(body ? (JSON.parse(body) as Record<string, unknown>) : {}).then(
        (out) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(out)),
        (e: unknown) => res.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: e instanceof Error ? e.message : String(e) })),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    results,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
