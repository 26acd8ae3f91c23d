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
  }
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 90_000, reporter: PlainReporter as unknown as string });
  // Every test file, in name order (they share one window and one workspace).
  for (const f of fs.readdirSync(__dirname).filter((x) => x.endsWith('.test.js')).sort()) mocha.addFile(path.resolve(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      console.log(`${mocha.suite.total() - failures} passed, ${failures} failed`);
      if (failures) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
  });
}
