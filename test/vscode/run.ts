// Runs the extension tests in a real VS Code: under @vscode/test-electron where VS Code can
// be downloaded (SD_VSCODE_HOST=electron), otherwise in code-server (the same workbench and
// Node extension host, from the npm registry) driven by headless Chromium. Prints the
// suite's output, saves a screenshot, exits with the suite's status.

import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeWorkspace } from '../harness';
import { VSCODE_FIXTURE } from './fixture';

const ROOT = path.resolve(__dirname, '../../..');
const TESTS = path.resolve(__dirname, 'suite', 'index.js');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');

async function electron(workspace: string): Promise<number> {
  const { runTests } = await import('@vscode/test-electron');
  await runTests({ extensionDevelopmentPath: ROOT, extensionTestsPath: TESTS, launchArgs: [workspace, '--disable-extensions'] });
  return 0;
}

function codeServerEntry(): string {
  const entry = path.join(ROOT, '.vscode-test', 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!fs.existsSync(entry)) throw new Error('code-server is not installed: run scripts/install-code-server.sh');
  return entry;
}

/** Starts code-server on loopback in its own process group; resolves with its port. */
export function startCodeServer(workspace: string, extraEnv: Record<string, string> = {}, port = 0): Promise<{ port: number; proc: ChildProcess; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-code-server-'));
  fs.writeFileSync(path.join(dir, 'config.yaml'), 'auth: none\n');
  const args = [
    codeServerEntry(),
    '--config', path.join(dir, 'config.yaml'),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', path.join(dir, 'user'),
    '--extensions-dir', path.join(dir, 'extensions'),
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened',
    workspace,
  ];
  const env = { ...process.env, EXTENSIONS_GALLERY: '{}', XDG_CONFIG_HOME: path.join(dir, 'xdg-config'), XDG_DATA_HOME: path.join(dir, 'xdg-data'), ...extraEnv };
  const proc = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let log = '';
    const deadline = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${log}`)), 60_000);
    const onData = (d: Buffer) => {
      log += d.toString();
      const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(log);
      if (m) {
        clearTimeout(deadline);
        resolve({ port: Number(m[1]), proc, dir });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`code-server exited (${code}):\n${log}`)));
  });
}

export function stopCodeServer(proc: ChildProcess): void {
  try {
    if (proc.pid) process.kill(-proc.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

async function codeServer(workspace: string): Promise<number> {
  const { chromium } = await import('playwright-core');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const shot = path.join(ARTIFACTS, 'editor.png');
  fs.rmSync(shot, { force: true });
  const { port, proc } = await startCodeServer(workspace, { SD_SCREENSHOT: shot });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.route('**/*', (route) => {
      const host = new URL(route.request().url()).hostname;
      return host === '127.0.0.1' || host === 'localhost' ? route.continue() : route.abort();
    });
    let resolveExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationLog', async (type: string, args: unknown[]) => {
      const line = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
      const m = /SD_SCREENSHOT (.+)$/.exec(line);
      if (m) {
        // Let the workbench paint the views the test just opened.
        await page.waitForTimeout(0);
        await page.waitForFunction('document.querySelectorAll(".monaco-list-row").length > 0', undefined, { timeout: 20_000 }).catch(() => undefined);
        await page.screenshot({ path: m[1] });
        return;
      }
      if (type === 'error') process.stderr.write(line + '\n');
      else process.stdout.write(line + '\n');
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    const base = `http://127.0.0.1:${port}`;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${ROOT}`],
      ['extensionTestsPath', `vscode-remote://127.0.0.1:${port}${TESTS}`],
      ['skipWelcome', 'true'],
    ];
    await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise<number>((r) => (timer = setTimeout(() => r(124), 10 * 60_000)))]);
    clearTimeout(timer);
    if (code === 124) process.stderr.write('the extension tests did not finish within 10 minutes\n');
    return code;
  } finally {
    await browser.close();
    stopCodeServer(proc);
  }
}

async function main(): Promise<number> {
  const workspace = writeWorkspace(VSCODE_FIXTURE);
  return process.env.SD_VSCODE_HOST === 'electron' ? electron(workspace) : codeServer(workspace);
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
