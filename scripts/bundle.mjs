// Bundles the command line, the language server and the extension client with esbuild.
// `--production` minifies and leaves out source maps (for the .vsix).
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
// The .wasm files of web-tree-sitter and the Terraform grammar are embedded as bytes (see server/src/node/hcl.ts).
// jsonc-parser's `main` is a UMD build that requires its modules at run time: bundle its ES modules instead.
const common = {
  bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: !production, minify: production, logLevel: 'warning',
  loader: { '.wasm': 'binary' }, define: { __SD_BUNDLED__: 'true' }, alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
};
await Promise.all([
  esbuild.build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
]);
