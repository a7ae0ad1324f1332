// lambda-local's own HTTP mode (`watch`, what `lambda-local --watch` runs) on 127.0.0.1: its server
// listens on every interface, so listen() is pinned to loopback here; the request path is unchanged.
// Usage: node lambdaLocalHttp.js <handler file> <port>
const net = require('net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (port, ...rest) {
  return typeof port === 'number' ? listen.call(this, port, '127.0.0.1', ...rest.filter((a) => typeof a === 'function')) : listen.call(this, port, ...rest);
};
const lambdaLocal = require('lambda-local');
lambdaLocal.watch({ lambdaPath: process.argv[2], lambdaHandler: 'handler', port: Number(process.argv[3]), verboseLevel: 0, timeoutMs: 10000 });
