// A CDK cloud assembly as a project: found without --template, every stack and nested stack loaded,
// code and layers from CDK's asset folders, functions invoked by construct path through a real engine.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultPartition } from '../../../../src/core/arn';
import { Emulator } from '../../../../src/core/emulator';
import { findTemplate, loadProject } from '../../../../src/core/project';
import { cdkFixture, copyCdkFixture } from './cdkFixture';

const stack = 'WorkbenchCdkFixture';

describe('CDK cloud assemblies', function () {
  this.timeout(60_000);
  let ws: string;
  before(() => (ws = copyCdkFixture()));
  after(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('finds the assembly of a CDK app, of a bare cdk.out, and when --template names the folder', async () => {
    const manifest = path.join(ws, 'cdk.out', 'manifest.json');
    assert.equal(await findTemplate(ws), manifest);
    assert.equal(await findTemplate(ws, 'cdk.out'), manifest);
    assert.equal(await findTemplate(path.join(ws, 'cdk.out')), manifest);
    const bare = copyCdkFixture(true);
    try {
      assert.equal(await findTemplate(bare), path.join(bare, 'cdk.out', 'manifest.json'));
    } finally {
      fs.rmSync(bare, { recursive: true, force: true });
    }
    // A CDK app not synthesized yet has no project (the CLI says to run cdk synth).
    const unsynthesized = copyCdkFixture();
    fs.rmSync(path.join(unsynthesized, 'cdk.out'), { recursive: true });
    try {
      assert.equal(await findTemplate(unsynthesized), undefined);
    } finally {
      fs.rmSync(unsynthesized, { recursive: true, force: true });
    }
  });

  it('loads every stack template, nested ones too, with code and layers from the asset folders', async () => {
    const project = await loadProject({ templatePath: path.join(ws, 'cdk.out'), partition: defaultPartition });
    assert.deepEqual(project.problems.filter((p) => p.severity !== 'info').map((p) => p.message), []);
    const out = path.join(ws, 'cdk.out');
    const byPath = new Map(project.functions.map((f) => [f.constructPath, f]));
    assert.deepEqual([...byPath.keys()].sort(), [`${stack}/Inner/NestedFn`, `${stack}/NodeFn`, `${stack}/PyFn`, `${stack}/TsFn`]);
    const node = byPath.get(`${stack}/NodeFn`)!;
    assert.equal(node.functionName, 'NodeFn9490805D');
    assert.equal(path.dirname(node.codeDir), out);
    assert.ok(fs.existsSync(path.join(node.codeDir, 'index.js')));
    assert.deepEqual(node.layers.map((l) => [l.logicalId, path.dirname(l.contentDir)]), [['GreetLayerB85BBCC1', out]]);
    const nested = byPath.get(`${stack}/Inner/NestedFn`)!;
    assert.equal(nested.file, path.join(out, 'WorkbenchCdkFixtureInner4A1ADBDD.nested.template.json'));
    // The parent's bucket reaches the nested stack through its Parameters, as a local placeholder name.
    assert.match(nested.environment['BUCKET'] ?? '', /^\S+$/);
    assert.equal(nested.environment['BUCKET'], node.environment['TABLE_NAME']);
    assert.equal(project.missingParameters, undefined);
  });

  it('applies --env-vars to functions of every stack and warns only about names no stack has', async () => {
    const envVars = path.join(ws, 'env.json');
    fs.writeFileSync(envVars, JSON.stringify({ NestedFn2B60CC45: { STACK: 'from env-vars' }, PyFnBEFD4AB6: { STACK: 'top env' }, Nope: { STACK: 'x' } }));
    const project = await loadProject({ templatePath: path.join(ws, 'cdk.out'), partition: defaultPartition, envVarsFile: envVars });
    const env = new Map(project.functions.map((f) => [f.logicalId, f.environment['STACK']]));
    assert.equal(env.get('NestedFn2B60CC45'), 'from env-vars');
    assert.equal(env.get('PyFnBEFD4AB6'), 'top env');
    assert.deepEqual(project.problems.filter((p) => p.code === 'env-override-unknown-function').map((p) => p.message), ['No function Nope in the template']);
  });

  it('invokes each function by construct path, logical id and /Resource path through the engine', async () => {
    const engine = new Emulator({ workspaceDir: ws, api: false });
    try {
      const templatePath = await findTemplate(ws);
      await engine.loadTemplate({ templatePath: templatePath! });
      const call = async (name: string, event: unknown): Promise<unknown> => {
        const r = await engine.invoke({ functionName: name, payload: Buffer.from(JSON.stringify(event)) });
        assert.equal(r.functionError, undefined, r.payload.toString());
        return JSON.parse(r.payload.toString()) as unknown;
      };
      assert.deepEqual(await call(`${stack}/NodeFn`, { name: 'cdk' }), { message: 'hello cdk from the layer', runtime: 'AWS_Lambda_nodejs20.x', table: engine.getFunction('NodeFn9490805D')!.latest.environment['TABLE_NAME'] });
      assert.deepEqual(await call(`${stack}/PyFn/Resource`, {}), { message: 'hello python', function: 'PyFnBEFD4AB6', stack: 'top' });
      assert.deepEqual(await call(`${stack}/Inner/NestedFn`, { name: 'nested' }), { message: 'hello nested', function: 'NestedFn2B60CC45', stack: 'nested' });
      // A NodejsFunction: CDK bundled the TypeScript entry into its asset folder at synth.
      assert.deepEqual(await call(`${stack}/TsFn`, { name: 'bundled' }), { message: 'hello bundled from TypeScript' });
      assert.deepEqual(await call('PyFnBEFD4AB6', { name: 'by id' }), { message: 'hello by id', function: 'PyFnBEFD4AB6', stack: 'top' });
      assert.equal(engine.getFunction(`${stack}/Inner/NestedFn`)?.name, 'NestedFn2B60CC45');
      await assert.rejects(engine.invoke({ functionName: `${stack}/Nope`, payload: Buffer.from('{}') }), /ValidationException|functionName/);
    } finally {
      await engine.dispose();
    }
  });

  it('reloads every stack, nested ones too, when a synth rewrites the manifest', async () => {
    const engine = new Emulator({ workspaceDir: ws, api: false });
    try {
      const sync = await engine.loadTemplate({ templatePath: (await findTemplate(ws))!, watch: true });
      const nestedFile = path.join(ws, 'cdk.out', 'WorkbenchCdkFixtureInner4A1ADBDD.nested.template.json');
      const original = fs.readFileSync(nestedFile, 'utf8');
      try {
        // What `cdk synth` does after an edit: the templates first, the manifest last.
        fs.writeFileSync(nestedFile, original.replace('"STACK": "nested"', '"STACK": "resynthesized"'));
        const loaded = new Promise((resolve) => sync.once('loaded', resolve));
        const manifest = path.join(ws, 'cdk.out', 'manifest.json');
        fs.writeFileSync(manifest, fs.readFileSync(manifest));
        await loaded;
        const r = await engine.invoke({ functionName: `${stack}/Inner/NestedFn`, payload: Buffer.from('{}') });
        assert.equal((JSON.parse(r.payload.toString()) as { stack: string }).stack, 'resynthesized');
      } finally {
        fs.writeFileSync(nestedFile, original);
      }
    } finally {
      await engine.dispose();
    }
  });

  it('loads the stacks of a cdk.Stage from its nested assembly, assets one folder up', async () => {
    const staged = path.join(cdkFixture, '..', 'cdk-stage');
    const project = await loadProject({ templatePath: (await findTemplate(staged))!, partition: defaultPartition });
    assert.deepEqual(project.functions.map((f) => [f.constructPath, f.codeDir]), [['Dev/Svc/Fn', path.join(staged, 'cdk.out', 'asset.0375fd2cdb3408652776e180299c2b680fb0636ffacbe1f612ea1afb50ccf0e8')]]);
    assert.deepEqual(project.problems.filter((p) => p.severity === 'error'), []);
  });

  it('runs a single stack template given with --template, as sam local does', async () => {
    const project = await loadProject({ templatePath: path.join(ws, 'cdk.out', `${stack}.template.json`), partition: defaultPartition });
    assert.deepEqual(project.functions.map((f) => f.constructPath).sort(), [`${stack}/NodeFn`, `${stack}/PyFn`, `${stack}/TsFn`]);
    assert.deepEqual(project.problems.filter((p) => p.severity === 'error'), []);
  });
});
