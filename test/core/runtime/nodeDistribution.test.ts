// The Node.js download path against a registry double on 127.0.0.1 (the npm registry cannot be made to
// serve a bad tarball): the double checks it is asked for the abbreviated packument the registry
// documents, and serves a package whose bin/node is a real wrapper around this node. Covers the warning
// before the download, progress, integrity refusal, offline fallback and pins.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { installNode, installedNode, platformPackage } from '../../../src/core/runtime/nodeDistribution';
import { fixture, functionConfig, invokeJson, startTestEngine } from '../../support/engine';

const MAJOR = process.versions.node.startsWith('18.') ? '22' : '18';
const RUNTIME = `nodejs${MAJOR}.x`;
const VERSION = `${MAJOR}.99.0`;

interface Double {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

function packageTarball(work: string): Buffer {
  const bin = path.join(work, 'package', 'bin');
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(path.join(bin, 'node'), `#!/bin/sh\nLWB_TEST_NODE_WRAPPER=wrapped exec "${process.execPath}" "$@"\n`, { mode: 0o755 });
  execFileSync('tar', ['-czf', path.join(work, 'pkg.tgz'), '-C', work, 'package']);
  return fs.readFileSync(path.join(work, 'pkg.tgz'));
}

async function registryDouble(tgz: Buffer, integrity: string): Promise<Double> {
  const requests: string[] = [];
  const pkg = platformPackage();
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === `/${pkg}`) {
      if (!String(req.headers.accept).includes('application/vnd.npm.install-v1+json')) return void res.writeHead(406).end();
      const tarball = `http://127.0.0.1:${(server.address() as { port: number }).port}/${pkg}/-/${pkg}-${VERSION}.tgz`;
      res.writeHead(200, { 'content-type': 'application/vnd.npm.install-v1+json' });
      return void res.end(JSON.stringify({ name: pkg, 'dist-tags': { latest: VERSION }, versions: { [VERSION]: { name: pkg, version: VERSION, dist: { integrity, tarball } }, '99.0.0': { name: pkg, version: '99.0.0', dist: { integrity, tarball: 'http://127.0.0.1:1/never' } } } }));
    }
    if (req.url === `/${pkg}/-/${pkg}-${VERSION}.tgz`) {
      res.writeHead(200, { 'content-length': String(tgz.length) });
      return void res.end(tgz);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, requests, close: () => new Promise((r) => server.close(() => r())) };
}

describe('Node.js distribution cache', () => {
  let work: string;
  let tgz: Buffer;
  let good: string;
  const saved = process.env.npm_config_registry;
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-nodedist-'));
    tgz = packageTarball(work);
    good = `sha512-${crypto.createHash('sha512').update(tgz).digest('base64')}`;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.npm_config_registry;
    else process.env.npm_config_registry = saved;
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('announces the download, reports progress, installs into the cache once and runs the function on it', async () => {
    const registry = await registryDouble(tgz, good);
    process.env.npm_config_registry = registry.url;
    const cacheDir = path.join(work, 'cache');
    // What a download killed an hour ago leaves behind is cleaned up by the next one.
    const stale = path.join(cacheDir, 'node', '.partial-18.0.0-killed');
    fs.mkdirSync(stale, { recursive: true });
    fs.utimesSync(stale, new Date(Date.now() - 7_200_000), new Date(Date.now() - 7_200_000));
    // No standby: the served "node" marks the function through an environment variable, which a standby
    // (started before it is handed the function's environment) does not keep; standbys have their own tests.
    const engine = await startTestEngine({ interpreters: { cacheDir }, standby: false });
    const events: string[] = [];
    engine.on('warning', (m) => events.push(`warning ${m}`));
    engine.on('runtimeDownload', (p) => events.push(`${p.finished ? 'finished' : 'progress'} ${p.version} ${p.received}/${p.total}`));
    try {
      engine.defineFunction(functionConfig('fetched', fixture('node-majors'), { runtime: RUNTIME, handler: 'index.wrapperMark' }));
      assert.equal((await invokeJson(engine, 'fetched')).body, 'wrapped');
      assert.match(events[0] ?? '', new RegExp(`^warning ${RUNTIME.replace('.', '\\.')}: downloading Node\\.js ${MAJOR} .* from the npm registry into ${cacheDir}`));
      assert.deepEqual(events.slice(-2), [`progress ${VERSION} ${tgz.length}/${tgz.length}`, `finished ${VERSION} ${tgz.length}/${tgz.length}`]);
      assert.equal(installedNode(MAJOR, cacheDir)?.version, VERSION);
      assert.deepEqual(fs.readdirSync(path.join(cacheDir, 'node')), [`${VERSION}-${platformPackage()}`], 'no partial download left behind');
      engine.forceColdStart('fetched');
      assert.equal((await invokeJson(engine, 'fetched')).body, 'wrapped');
      assert.equal(registry.requests.filter((r) => r.endsWith('.tgz')).length, 1, 'downloaded once');
    } finally {
      await engine.dispose();
      await registry.close();
    }
  });

  it('refuses a tarball whose sha512 differs from dist.integrity, installs nothing, and runs on the local node with a warning', async () => {
    const bad = `sha512-${crypto.createHash('sha512').update('something else').digest('base64')}`;
    const registry = await registryDouble(tgz, bad);
    process.env.npm_config_registry = registry.url;
    const cacheDir = path.join(work, 'cache');
    try {
      await assert.rejects(installNode(MAJOR, { root: cacheDir }), (e: Error & { code?: string }) => /failed its integrity check/.test(e.message));
      assert.deepEqual(fs.readdirSync(path.join(cacheDir, 'node')), []);
      const engine = await startTestEngine({ interpreters: { cacheDir } });
      const warnings: string[] = [];
      engine.on('warning', (m) => warnings.push(m));
      try {
        engine.defineFunction(functionConfig('fallback', fixture('node-majors'), { runtime: RUNTIME, handler: 'index.version' }));
        assert.equal((await invokeJson(engine, 'fallback')).body.version, process.version);
        assert.match(warnings.at(-1) ?? '', new RegExp(`^${RUNTIME.replace('.', '\\.')} functions run on the local Node\\.js ${process.versions.node} \\(the download failed: .*failed its integrity check.*\\); behaviour specific to Node\\.js ${MAJOR} may differ\\.$`));
      } finally {
        await engine.dispose();
      }
    } finally {
      await registry.close();
    }
  });

  it('runs on the local node with the existing warning when downloads are off, and on a pinned path per major', async () => {
    const cacheDir = path.join(work, 'empty-cache');
    const engine = await startTestEngine({ interpreters: { cacheDir, nodeDownload: false } });
    const warnings: string[] = [];
    engine.on('warning', (m) => warnings.push(m));
    const pinnedEngine = await startTestEngine({ interpreters: { cacheDir, nodeDownload: false, nodeByMajor: { [MAJOR]: path.join(work, 'package', 'bin', 'node') } } });
    try {
      engine.defineFunction(functionConfig('offline', fixture('node-majors'), { runtime: RUNTIME, handler: 'index.version' }));
      assert.equal((await invokeJson(engine, 'offline')).body.version, process.version);
      assert.deepEqual(warnings, [`${RUNTIME} functions run on the local Node.js ${process.versions.node} (downloads are turned off); behaviour specific to Node.js ${MAJOR} may differ.`]);
      // A pin is resolved once to the real binary behind it (process.execPath), like a shim.
      const pinnedWarnings: string[] = [];
      pinnedEngine.on('warning', (m) => pinnedWarnings.push(m));
      pinnedEngine.defineFunction(functionConfig('pinned', fixture('node-majors'), { runtime: RUNTIME, handler: 'index.version' }));
      assert.equal((await invokeJson(pinnedEngine, 'pinned')).body.execPath, fs.realpathSync(process.execPath));
      assert.deepEqual(pinnedWarnings, [`${RUNTIME} functions run on the pinned Node.js ${process.versions.node} (${path.join(work, 'package', 'bin', 'node')}); behaviour specific to Node.js ${MAJOR} may differ.`]);
      // The CLI's way to pin: LAMBDA_WORKBENCH_NODE_<major>.
      process.env[`LAMBDA_WORKBENCH_NODE_${MAJOR}`] = path.join(work, 'package', 'bin', 'node');
      const envEngine = await startTestEngine({ interpreters: { cacheDir, nodeDownload: false } });
      const envWarnings: string[] = [];
      envEngine.on('warning', (m) => envWarnings.push(m));
      try {
        envEngine.defineFunction(functionConfig('pinned', fixture('node-majors'), { runtime: RUNTIME, handler: 'index.version' }));
        await invokeJson(envEngine, 'pinned');
        assert.match(envWarnings[0] ?? '', new RegExp(`run on the pinned Node\\.js .*${path.join(work, 'package', 'bin', 'node').replace(/[.]/g, '\\.')}`));
      } finally {
        delete process.env[`LAMBDA_WORKBENCH_NODE_${MAJOR}`];
        await envEngine.dispose();
      }
    } finally {
      await engine.dispose();
      await pinnedEngine.dispose();
    }
  });
});
