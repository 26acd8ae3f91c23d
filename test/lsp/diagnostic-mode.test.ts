// Push or pull: which way diagnostics go for each client, and the setting that overrides it.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseDiagnosticMode } from '../../server/src/lsp/diagnostics';
import { checkSettings } from '../../server/src/lsp/settings';
import { clientIdentity } from './client';

const VSCODE_LIKE = { textDocument: { diagnostic: { dynamicRegistration: true } }, workspace: { diagnostics: { refreshSupport: true } } };

test('auto: pull only for a client that pulls, can be asked to pull again, and re-pulls its open documents', () => {
  const nvim10 = clientIdentity('neovim-0.10');
  const nvim12 = clientIdentity('neovim-0.12');
  assert.equal(chooseDiagnosticMode('auto', nvim10.capabilities, nvim10.clientInfo?.name).pull, false, 'Neovim 0.10: no refresh support');
  assert.equal(chooseDiagnosticMode('auto', nvim12.capabilities, nvim12.clientInfo?.name).pull, false, 'Neovim 0.12: its refresh leaves open buffers stale');
  assert.equal(chooseDiagnosticMode('auto', VSCODE_LIKE, 'Visual Studio Code').pull, true);
  assert.equal(chooseDiagnosticMode('auto', {}, 'Emacs').pull, false);
});

test('the setting forces push, or pull where the client can pull at all', () => {
  const nvim10 = clientIdentity('neovim-0.10');
  assert.equal(chooseDiagnosticMode('push', VSCODE_LIKE, undefined).pull, false);
  assert.equal(chooseDiagnosticMode('pull', nvim10.capabilities, 'Neovim').pull, true);
  const none = chooseDiagnosticMode('pull', {}, undefined);
  assert.equal(none.pull, false);
  assert.match(none.why, /cannot pull/);
});

test('the setting is checked like the others', () => {
  assert.equal(checkSettings({ diagnosticMode: 'push' }).settings.diagnosticMode, 'push');
  const bad = checkSettings({ diagnosticMode: 'sometimes' });
  assert.equal(bad.settings.diagnosticMode, 'auto');
  assert.match(bad.problems[0], /diagnosticMode: "sometimes" is not auto, push or pull/);
});
