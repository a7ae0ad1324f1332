// The backends the explorer shows: the local engine (started on first use) and one AWS backend per
// configured profile/region, rebuilt when the setting changes. The AWS SDK (dist/awsBackend.js) loads
// only when one exists.
import * as vscode from 'vscode';
import type { EngineHost } from '../engineHost';
import { loadBundle } from '../lazyBundle';
import { getAwsProfiles, getTemplateSetting } from '../settings';
import { settingIds } from '../contributionIds';
import type { LambdaBackend } from './lambdaBackend';
import { LocalBackend } from './localBackend';
import { attachedBackend } from './attachedBackend';
import { findTemplate } from '../../core/project';

export class BackendSet implements vscode.Disposable {
  private local: Promise<LambdaBackend> | undefined;
  private attached: Promise<LambdaBackend> | undefined;
  private aws: Promise<LambdaBackend[]> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the list of AWS backends changes. */
  readonly onDidChangeBackends = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private readonly roleSubscription: vscode.Disposable;

  constructor(private readonly host: EngineHost) {
    // Owner, attached to another process, taken over: the Local root is another backend.
    let seen: unknown = undefined;
    this.roleSubscription = host.onDidChangeRole((role) => {
      const key = role.kind === 'owner' ? role.engine : role.kind === 'attached' ? role.attachment.endpoint : role.kind;
      // The first start (starting -> owner) keeps the backend being created.
      if (key === seen || (seen === undefined && (role.kind === 'starting' || role.kind === 'owner'))) return void (seen = key);
      seen = key;
      void this.local?.then((b) => b.dispose(), () => undefined);
      this.local = this.attached = undefined;
      this.changed.fire();
    });
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(`${settingIds.section}.${settingIds.awsProfiles}`)) return;
      void this.aws?.then((list) => list.forEach((b) => b.dispose()));
      this.aws = undefined;
      this.changed.fire();
    });
  }

  /** The local engine's backend; starts the engine (or works through the one another process owns). */
  getLocal(): Promise<LambdaBackend> {
    const role = this.host.role;
    if (role.kind === 'attached') {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      this.attached ??= (folder ? findTemplate(folder, getTemplateSetting()) : Promise.resolve(undefined)).then((t) => attachedBackend(role.attachment, t));
      return this.attached;
    }
    this.local ??= this.host.getEngine().then((engine) => new LocalBackend(engine));
    this.local.catch(() => (this.local = undefined));
    return this.local;
  }

  /** The local backend if the engine already runs, without starting it. */
  peekLocal(): Promise<LambdaBackend> | undefined {
    return this.local;
  }

  /** One backend per `aws.profiles` entry. */
  getAws(): Promise<LambdaBackend[]> {
    this.aws ??= (async () => {
      const profiles = getAwsProfiles();
      if (profiles.length === 0) return [];
      const { AwsBackend } = loadBundle<typeof import('./awsBackend')>('awsBackend');
      return profiles.map((p) => new AwsBackend(p));
    })();
    return this.aws;
  }

  dispose(): void {
    this.subscription.dispose();
    this.roleSubscription.dispose();
    this.changed.dispose();
    void this.local?.then((b) => b.dispose(), () => undefined);
    void this.aws?.then((list) => list.forEach((b) => b.dispose()));
  }
}
