#!/usr/bin/env node
'use strict';
const { run } = require('../dist/cli.js');
run(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s), { tty: !!process.stderr.isTTY }).then((code) => {
  process.exitCode = code;
});
