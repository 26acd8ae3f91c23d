// `npm run demo`: checks examples/ and prints its domain graph.
// `npm run demo -- --editor`: starts VS Code (code-server) on loopback with the extension and
// examples/ open, and prints the address to open in a browser.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const examples = path.join(root, 'examples');
const cli = path.join(root, 'bin', 'serverless-domains.js');

if (!process.argv.includes('--editor')) {
  console.log('$ serverless-domains check examples');
  spawnSync(process.execPath, [cli, 'check', examples], { stdio: 'inherit' });
  console.log('\n$ serverless-domains graph examples --format mermaid');
  const g = spawnSync(process.execPath, [cli, 'graph', examples, '--format', 'mermaid'], { stdio: 'inherit' });
  process.exit(g.status ?? 1);
}

const install = spawnSync('bash', [path.join(root, 'scripts', 'install-code-server.sh')], { stdio: 'inherit' });
if (install.status !== 0) process.exit(install.status ?? 1);
const require = createRequire(import.meta.url);
const { startCodeServer, stopCodeServer } = require(path.join(root, 'out', 'test', 'vscode', 'host.js'));
const port = Number(process.env.PORT ?? 8080);
const { proc } = await startCodeServer(examples, {}, port);
const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${root}`], ['skipWelcome', 'true']]);
console.log(`\nServerless Domains in VS Code, with examples/ open:\n\n  http://127.0.0.1:${port}/?folder=${encodeURIComponent(examples)}&payload=${encodeURIComponent(payload)}\n\nCtrl-C stops it.`);
const stop = () => {
  stopCodeServer(proc);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
await new Promise(() => undefined);
