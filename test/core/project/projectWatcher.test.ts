import * as assert from 'assert';
import * as path from 'path';
import { analyzeTemplate } from '../../../src/core/project/analyzeTemplate';
import type { Project } from '../../../src/core/project/functionSpec';
import { ProjectWatcher, type ProjectChange } from '../../../src/core/project/projectWatcher';
import { makeWorkspace, partition, removeWorkspaces, writeFile } from './workspace';

const template = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function: { Runtime: nodejs22.x, Handler: index.handler }
Resources:
  Alpha:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: alpha, Layers: [!Ref Shared] }
  Beta:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: beta }
  Shared:
    Type: AWS::Serverless::LayerVersion
    Properties: { ContentUri: shared }
`;

function nextChange(w: ProjectWatcher): Promise<ProjectChange> {
  return new Promise((resolve) => {
    const sub = w.onDidChange((c) => {
      sub.dispose();
      resolve(c);
    });
  });
}

describe('project/ProjectWatcher', () => {
  let dir: string;
  let project: Project;
  let watcher: ProjectWatcher | undefined;

  beforeEach(async () => {
    dir = makeWorkspace({
      'alpha/index.js': 'exports.handler = () => 1;',
      'alpha/node_modules/dep.js': '',
      'beta/index.js': 'exports.handler = () => 2;',
      'shared/nodejs/lib.js': '',
    });
    const file = writeFile(dir, 'template.yaml', template);
    project = analyzeTemplate(template, file, { partition });
    assert.deepStrictEqual(project.problems, []);
    watcher = new ProjectWatcher(project, { envFiles: [path.join(dir, '.env')], debounceMs: 50 });
    await watcher.ready;
  });

  afterEach(async () => {
    await watcher?.close();
    watcher = undefined;
  });
  after(removeWorkspaces);

  it('reports exactly the function whose code changed', async () => {
    const change = nextChange(watcher!);
    writeFile(dir, 'beta/index.js', 'exports.handler = () => 3;');
    assert.deepStrictEqual(await change, { templateChanged: false, changedFunctions: ['Beta'] });
  });

  it('attributes a layer change to the functions using the layer, batching events', async () => {
    const change = nextChange(watcher!);
    writeFile(dir, 'shared/nodejs/lib.js', 'changed');
    writeFile(dir, 'shared/nodejs/new.js', 'added');
    // layerChanged: a layer change always recycles environments (no hot reload of the module).
    assert.deepStrictEqual(await change, { templateChanged: false, changedFunctions: ['Alpha'], layerChanged: ['Alpha'] });
  });

  it('reports template and env-file changes (an env file may appear later)', async () => {
    let change = nextChange(watcher!);
    writeFile(dir, 'template.yaml', `${template}\n`);
    assert.deepStrictEqual(await change, { templateChanged: true, changedFunctions: [] });
    change = nextChange(watcher!);
    writeFile(dir, '.env', 'A=1');
    assert.deepStrictEqual(await change, { templateChanged: true, changedFunctions: [] });
  });

  it('ignores .git, node_modules/.cache and .lambda-workbench', async () => {
    const change = nextChange(watcher!);
    writeFile(dir, 'alpha/.git/HEAD', 'x');
    writeFile(dir, 'alpha/node_modules/.cache/c', 'x');
    writeFile(dir, 'alpha/.lambda-workbench/s', 'x');
    // The marker write comes last: if the ignored writes were reported they would arrive first or in the same batch.
    writeFile(dir, 'beta/marker.js', 'x');
    assert.deepStrictEqual(await change, { templateChanged: false, changedFunctions: ['Beta'] });
  });

  it('follows a reloaded project and releases everything on close', async () => {
    const reduced = template.replace(/ {2}Beta:\n.*\n.*\n/, '');
    const reloaded = analyzeTemplate(reduced, path.join(dir, 'template.yaml'), { partition });
    watcher!.update(reloaded);
    const change = nextChange(watcher!);
    writeFile(dir, 'beta/index.js', 'ignored now');
    writeFile(dir, 'alpha/index.js', 'exports.handler = () => 9;');
    assert.deepStrictEqual(await change, { templateChanged: false, changedFunctions: ['Alpha'] });
    await watcher!.close();
    watcher = undefined;
  });

  it('reloads the template when the .zip of a zip CodeUri changes (the code is unpacked again)', async () => {
    const zipTemplate = `Transform: AWS::Serverless-2016-10-31
Resources:
  Zipped:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: dist/app.zip, Runtime: nodejs22.x, Handler: index.handler }
`;
    writeFile(dir, 'dist/app.zip', 'PK');
    const file = writeFile(dir, 'zip.yaml', zipTemplate);
    const zipProject = analyzeTemplate(zipTemplate, file, { partition, codeRoot: path.join(dir, '.lambda-workbench', 'code') });
    assert.deepStrictEqual(zipProject.functions[0]?.codeSource, { kind: 'zip', file: path.join(dir, 'dist', 'app.zip') });
    const zipWatcher = new ProjectWatcher(zipProject, { debounceMs: 50 });
    try {
      await zipWatcher.ready;
      const change = nextChange(zipWatcher);
      writeFile(dir, 'dist/app.zip', 'PK changed');
      assert.deepStrictEqual(await change, { templateChanged: true, changedFunctions: [] });
    } finally {
      await zipWatcher.close();
    }
  });
});

