// Language server figures through the real protocol: initial analysis of generated
// workspaces, and the time from didChange of one file to its updated diagnostics and to a
// dependent file's, over 100 edits, with debounce 0 and with the default settings.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient } from '../lsp/client';
import { generateEstate } from './generate';

function writeEstate(files: Map<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-lsp-bench-'));
  for (const [p, t] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), t);
  }
  return dir;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] * 10) / 10;
};

export async function lspBench(units: number, settings: Record<string, unknown>) {
  const files = generateEstate(units);
  const root = writeEstate(files);
  const c = new TestClient(root, { settings });
  const t0 = performance.now();
  await c.start();
  const initialMs = Math.round(performance.now() - t0);
  // A service that imports from an infrastructure template: edit the template, watch both.
  const service = [...files.keys()].find((p) => p.endsWith('serverless.yml') && /\$\{cf:infra(\d+)\.Queue\d+Arn\}/.test(files.get(p)!))!;
  const infraIdx = /\$\{cf:infra(\d+)\.(Queue\d+)Arn\}/.exec(files.get(service)!)!;
  const infra = `infra/infra${infraIdx[1]}/template.yaml`;
  const queue = infraIdx[2];
  await c.openFile(infra);
  await c.waitFor('first diagnostics', () => c.diagnostics.has(c.uri(service)));
  const own: number[] = [];
  const dependent: number[] = [];
  const base = c.open.get(infra)!.getText();
  for (let i = 0; i < 100; i++) {
    // Odd edits remove the export the service reads (its split-domain goes), even ones restore it.
    const text = i % 2 === 0 ? base.replace(`  ${queue}Arn:`, `  ${queue}ArnX${i}:`) : base + `\n# ${i}\n`;
    const expectSplit = i % 2 === 1;
    const ownBefore = c.diagnostics.get(c.uri(infra));
    const start = performance.now();
    await c.replaceAll(infra, text);
    let ownAt = 0;
    await c.waitFor('own diagnostics', () => {
      if (!ownAt && c.diagnostics.get(c.uri(infra)) !== ownBefore) ownAt = performance.now();
      const split = (c.diagnostics.get(c.uri(service)) ?? []).some((d) => d.code === 'split-domain');
      return split === expectSplit;
    }, 60000);
    const depAt = performance.now();
    own.push((ownAt || depAt) - start);
    dependent.push(depAt - start);
  }
  const memory = await c.conn.sendRequest('serverlessDomains/domainGraph').then(() => undefined);
  void memory;
  const rssMb = Math.round(Number(fs.readFileSync(`/proc/${c.child.pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/)?.[1] ?? 0) / 1024);
  await c.stop();
  fs.rmSync(root, { recursive: true, force: true });
  return {
    units,
    settings,
    initialAnalysisMs: initialMs,
    editToOwnDiagnosticsMs: { p50: pct(own, 50), p95: pct(own, 95) },
    editToDependentDiagnosticsMs: { p50: pct(dependent, 50), p95: pct(dependent, 95) },
    serverPeakRssMb: rssMb,
  };
}

if (require.main === module) {
  (async () => {
    const results = [];
    for (const units of [1000, 5000]) {
      results.push(await lspBench(units, { debounce: 0 }));
      results.push(await lspBench(units, { debounce: null }));
    }
    console.log(JSON.stringify({ node: process.version, lsp: results }, null, 2));
  })().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
