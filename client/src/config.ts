// The extension's settings, read in one typed place.

import * as vscode from 'vscode';

export interface Config {
  rules: Record<string, string>;
  exclude: string[];
  debounce: number;
  maxFileSize: number;
  diagnosticMode: 'auto' | 'push' | 'pull';
  baseline: { known: 'hint' | 'hide' };
}

export function readConfig(): Config {
  const c = vscode.workspace.getConfiguration('serverlessDomains');
  return {
    rules: c.get<Record<string, string>>('rules', {}),
    exclude: c.get<string[]>('exclude', []),
    debounce: c.get<number>('debounce', 150),
    maxFileSize: c.get<number>('maxFileSize', 1_000_000),
    diagnosticMode: c.get<'auto' | 'push' | 'pull'>('diagnosticMode', 'auto'),
    baseline: { known: c.get<'hint' | 'hide'>('baseline.known', 'hint') },
  };
}
