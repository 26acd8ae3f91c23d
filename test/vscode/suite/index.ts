// The extension tests' entry point (the contract of @vscode/test-electron and of VS Code's
// browser integration tests): run() settles when mocha is done.

import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/** Plain lines: the web extension host does not format console.log's `%s` arguments. */
class PlainReporter {
  constructor(runner: Mocha.Runner) {
    runner.on('pass', (t) => console.log(`  ok ${t.fullTitle()} (${t.duration ?? 0} ms)`));
    runner.on('fail', (t, err: Error) => console.log(`  FAILED ${t.fullTitle()}\n${err.stack ?? err.message}`));
    runner.on('pending', (t) => console.log(`  skipped ${t.fullTitle()}`));
  }
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 90_000, reporter: PlainReporter as unknown as string });
  // Every *.test.js here; SD_TESTS (set by run.ts per session) keeps those whose name starts with it, or with `!name` those that do not.
  const only = process.env.SD_TESTS ?? '';
  const keep = (f: string) => !only || (only.startsWith('!') ? !f.startsWith(only.slice(1)) : f.startsWith(only));
  for (const f of fs.readdirSync(__dirname).filter((x) => x.endsWith('.test.js') && keep(x)).sort()) mocha.addFile(path.resolve(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const skipped = runner.stats?.pending ?? 0;
      console.log(`${mocha.suite.total() - failures - skipped} passed, ${failures} failed${skipped ? `, ${skipped} skipped` : ''}`);
      if (failures) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
  });
}
