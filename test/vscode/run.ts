// Runs the extension tests in a real VS Code: under @vscode/test-electron where VS Code can
// be downloaded (SD_VSCODE_HOST=electron), otherwise in code-server (the same workbench and
// Node extension host, from the npm registry) driven by headless Chromium. Prints the
// suite's output, saves a screenshot, exits with the suite's status.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeWorkspace } from '../harness';
import { VSCODE_FIXTURE } from './fixture';
import { startCodeServer, stopCodeServer } from './host';
import { writeMapWorkspace } from './estates';

const ROOT = path.resolve(__dirname, '../../..');
const TESTS = path.resolve(__dirname, 'suite', 'index.js');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');

/** One session: a workspace (a folder or a .code-workspace file) and the test files to run in it (SD_TESTS). */
interface Session {
  workspace: string;
  tests: string;
  /** Where the editor's screenshot goes (the suite may save others beside it). */
  screenshot: string;
}

async function electron(s: Session): Promise<number> {
  const { runTests } = await import('@vscode/test-electron');
  await runTests({ extensionDevelopmentPath: ROOT, extensionTestsPath: TESTS, launchArgs: [s.workspace, '--disable-extensions'], extensionTestsEnv: { SD_TESTS: s.tests } });
  return 0;
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

async function codeServer(s: Session): Promise<number> {
  const { chromium } = await import('playwright-core');
  const workspace = s.workspace;
  const { port, proc } = await startCodeServer(workspace, { SD_SCREENSHOT: s.screenshot, SD_TESTS: s.tests });
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
    const target = workspace.endsWith('.code-workspace') ? 'workspace' : 'folder';
    await page.goto(`${base}/?${target}=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
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
  // `--if-available`: skip (and say so) where neither host can run, as on a laptop without code-server.
  if (process.argv.includes('--if-available') && process.env.SD_VSCODE_HOST !== 'electron') {
    const missing = [!fs.existsSync(path.join(ROOT, '.vscode-test', 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js')) && 'code-server (scripts/install-code-server.sh)', !fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') && 'Chromium'].filter(Boolean);
    if (missing.length) {
      console.log(`extension tests skipped: ${missing.join(' and ')} not installed`);
      return 0;
    }
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const screenshot = path.join(ARTIFACTS, 'editor.png');
  fs.rmSync(screenshot, { force: true });
  for (const f of fs.readdirSync(ARTIFACTS)) if (/^map-.*\.png$/.test(f)) fs.rmSync(path.join(ARTIFACTS, f));
  // Two sessions: the fixture (every test file but the map's), then the map's estates (a generated
  // one and copies of real ones) as a multi-root workspace, so neither changes the other's views.
  const sessions: Session[] = [
    { workspace: writeWorkspace(VSCODE_FIXTURE), tests: '!map', screenshot },
    { workspace: writeMapWorkspace(), tests: 'map', screenshot },
  ];
  let code = 0;
  // SD_SESSIONS=map (or fixture) runs one session only, for quicker work on one of them.
  for (const s of sessions.filter((x) => !process.env.SD_SESSIONS || process.env.SD_SESSIONS === (x.tests === 'map' ? 'map' : 'fixture'))) {
    const c = process.env.SD_VSCODE_HOST === 'electron' ? await electron(s) : await codeServer(s);
    code ||= c;
  }
  return code;
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
