// Electronegativity over the sources and the built app: no MEDIUM-or-higher finding without a written reason. And
// proof that the gate fails when a real misconfiguration appears.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { blockingFindings, loadSuppressions, scan } from '../../scripts/electronegativity-gate.js';

describe('Electronegativity gate', () => {
  it('passes over electron/ (sources)', () => {
    assert.deepEqual(blockingFindings(scan('electron'), loadSuppressions()), []);
  });

  it('passes over the built app (dist: compiled main, bundled preload, renderer with its CSP)', () => {
    assert.ok(existsSync(path.join('dist', 'renderer', 'index.html')), 'npm test builds first');
    const findings = scan('dist');
    // 'No CSP has been detected' is reported against N/A; with the renderer's meta tag found, it is gone.
    assert.ok(
      !findings.some((f) => f.check === 'CSP_GLOBAL_CHECK' && f.file === 'N/A'),
      'the built renderer carries its CSP',
    );
    assert.deepEqual(blockingFindings(findings, loadSuppressions()), []);
  });

  it('fails on a window without context isolation and sandbox, and on an app that limits neither navigation nor permissions', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'electronegativity-bad-'));
    mkdirSync(path.join(dir, 'main'));
    writeFileSync(
      path.join(dir, 'main', 'bad.js'),
      "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
    );
    const checks = blockingFindings(scan(dir), loadSuppressions()).map((f) => f.check);
    assert.ok(checks.includes('SANDBOX_JS_CHECK'), checks.join());
    assert.ok(checks.includes('CONTEXT_ISOLATION_JS_CHECK'), checks.join());
    assert.ok(checks.includes('LIMIT_NAVIGATION_GLOBAL_CHECK'), checks.join());
    assert.ok(checks.includes('PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK'), checks.join());
  });
});
