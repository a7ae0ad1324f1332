// The protocol floor: the smallest Node.js Runtime API loop (keep-alive http, no Lambda semantics).
const http = require('http');
const [host, port] = process.env.AWS_LAMBDA_RUNTIME_API.split(':');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function call(method, path, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port, method, path, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const handler = require(process.env.LAMBDA_TASK_ROOT + '/index.js').handler;
(async () => {
  for (;;) {
    const next = await call('GET', '/2018-06-01/runtime/invocation/next');
    const id = next.headers['lambda-runtime-aws-request-id'];
    const result = await handler(JSON.parse(next.body));
    await call('POST', `/2018-06-01/runtime/invocation/${id}/response`, JSON.stringify(result));
  }
})();
