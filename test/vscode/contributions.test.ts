// package.json's contributions and src/vscode/contributionIds.ts name the same commands, views and
// settings; menus only use contributed commands; the activity bar icon ships.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commandIds, settingIds, viewIds } from '../../src/vscode/contributionIds';

const root = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: {
    commands: { command: string; title: string }[];
    views: Record<string, { id: string }[]>;
    viewsContainers: Record<string, { id: string; icon: string }[]>;
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, { default?: unknown }> };
  };
};
const c = pkg.contributes;

describe('contributions', () => {
  it('contributes exactly the command ids the code registers', () => {
    const declared = c.commands.map((x) => x.command).sort();
    assert.deepEqual(declared, [...new Set(Object.values(commandIds))].sort());
    for (const cmd of c.commands) assert.ok(cmd.title, `${cmd.command} has a title`);
  });

  it('contributes the views and containers the code names', () => {
    const views = Object.values(c.views).flat().map((v) => v.id);
    const containers = Object.values(c.viewsContainers).flat().map((v) => v.id);
    for (const id of [viewIds.functions, viewIds.logPanel]) assert.ok(views.includes(id), id);
    for (const id of [viewIds.container, viewIds.logsContainer]) assert.ok(containers.includes(id), id);
    const activity = c.viewsContainers['activitybar']?.find((v) => v.id === viewIds.container);
    assert.ok(activity && fs.existsSync(path.join(root, activity.icon)), 'the Lambda icon is in media/');
  });

  it('declares every setting the getters read, and nothing else', () => {
    const declared = Object.keys(c.configuration.properties).sort();
    const { section, ...keys } = settingIds;
    assert.deepEqual(declared, Object.values(keys).map((k) => `${section}.${k}`).sort());
  });

  it('has menus that only use contributed commands and explorer item menus driven by contextValue', () => {
    const known = new Set(c.commands.map((x) => x.command));
    for (const [menu, items] of Object.entries(c.menus)) for (const item of items) assert.ok(known.has(item.command), `${menu}: ${item.command}`);
    const itemMenus = c.menus['view/item/context'] ?? [];
    for (const id of ['invokeItem', 'debugItem', 'publishVersion', 'createAlias', 'editRouting', 'pointAlias', 'deleteVersion', 'deleteAlias', 'showLogs', 'openHandler', 'revealInTemplate', 'forceColdStart', 'throttle', 'unthrottle', 'copyArn'] as const) {
      const entry = itemMenus.find((m) => m.command === commandIds[id]);
      assert.match(entry?.when ?? '', /viewItem/, `${commandIds[id]} is an item menu`);
    }
  });
});
