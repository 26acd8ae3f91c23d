// How the server hears of files changed on disk: the client watches for it when it can register
// file watchers dynamically (VS Code); otherwise (Neovim on Linux, Helix, eglot) the server
// watches each workspace folder itself. The log says which way is used.

import { DidChangeWatchedFilesNotification, FileChangeType, FileEvent, WatchKind } from 'vscode-languageserver/node';
import { FolderWatcher, watchFolder, WatchEventKind } from '../node/watch';
import { ServerContext } from './state';

const TYPE: Record<WatchEventKind, FileChangeType> = { created: FileChangeType.Created, changed: FileChangeType.Changed, deleted: FileChangeType.Deleted };

export class Watching {
  private watchers: FolderWatcher[] = [];

  constructor(
    private readonly ctx: ServerContext,
    private readonly changed: (events: FileEvent[]) => void,
  ) {}

  async start(): Promise<void> {
    const log = this.ctx.conn.console;
    if (this.ctx.caps.watchRegistration) {
      await this.ctx.conn.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          // Templates, samconfig, scripts, and Terraform (`.tf`; `.tf.json` is among the JSON files).
          { globPattern: '**/*.{yml,yaml,json,template,toml,sh,bash,zsh,ps1,mk,tf}' },
          // Source code, read only where it invokes a function through an SDK (orphan-function).
          { globPattern: '**/*.{ts,mts,cts,js,mjs,cjs,py}' },
          { globPattern: '**/{Makefile,Jenkinsfile}' },
          // Folders created, deleted or renamed: their files get no events of their own.
          { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
        ],
      });
      log.info('File changes on disk: the editor watches the workspace for the server (workspace/didChangeWatchedFiles, registered dynamically).');
      return;
    }
    for (const s of this.ctx.folders) {
      const root = s.folder.root;
      const w = watchFolder(
        root,
        (events) => this.changed(events.map((e) => ({ uri: s.folder.uriOf(e.rel), type: TYPE[e.kind] }))),
        (e) => log.warn(`watching ${root}: ${e.message}`),
        () => log.info(`The configuration file changed: the server watches ${root} again with its include/exclude.`),
      );
      this.watchers.push(w);
      void w.ready.then(() =>
        log.info(`File changes on disk: the editor cannot watch files for the server (no dynamic registration of workspace/didChangeWatchedFiles), so the server watches ${root} itself.`),
      );
    }
  }

  async close(): Promise<void> {
    const ws = this.watchers;
    this.watchers = [];
    await Promise.all(ws.map((w) => w.close().catch(() => undefined)));
  }
}
