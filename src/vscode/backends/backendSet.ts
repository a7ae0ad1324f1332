// The backends the explorer shows: the local engine (started on first use) and one AWS backend per
// configured profile/region, rebuilt when the setting changes. The AWS SDK (dist/awsBackend.js) loads
// only when one exists.
import * as vscode from 'vscode';
import type { EngineHost } from '../engineHost';
import { loadBundle } from '../lazyBundle';
import { getAwsProfiles } from '../settings';
import { settingIds } from '../contributionIds';
import type { LambdaBackend } from './lambdaBackend';
import { LocalBackend } from './localBackend';

export class BackendSet implements vscode.Disposable {
  private local: Promise<LocalBackend> | undefined;
  private aws: Promise<LambdaBackend[]> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the list of AWS backends changes. */
  readonly onDidChangeBackends = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly host: EngineHost) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(`${settingIds.section}.${settingIds.awsProfiles}`)) return;
      void this.aws?.then((list) => list.forEach((b) => b.dispose()));
      this.aws = undefined;
      this.changed.fire();
    });
  }

  /** The local engine's backend; starts the engine. */
  getLocal(): Promise<LocalBackend> {
    this.local ??= this.host.getEngine().then((engine) => new LocalBackend(engine));
    this.local.catch(() => (this.local = undefined));
    return this.local;
  }

  /** The local backend if the engine already runs, without starting it. */
  peekLocal(): Promise<LocalBackend> | undefined {
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
    this.changed.dispose();
    void this.local?.then((b) => b.dispose(), () => undefined);
    void this.aws?.then((list) => list.forEach((b) => b.dispose()));
  }
}
