// The API handlers over a real lab session: the environment probe reads who and where from the lab exactly as it
// would from Windows, and failures come back as explained errors, never exceptions.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { apiResultSchema, type ApiEvent, type EnvironmentInfo } from '../../electron/common/api/contract.js';
import { createApi } from '../../electron/common/api/handlers.js';
import { PsErrorKind } from '../../electron/common/powershell/errors.js';
import { SessionError } from '../../electron/common/powershell/session-errors.js';
import type { PowerShellSession } from '../../electron/common/powershell/session.js';
import { labSession, newLab } from '../helpers/lab.js';

const JOURNALS = mkdtempSync(path.join(tmpdir(), 'msa-journal-'));

async function probe(scenario: string): Promise<{ env: EnvironmentInfo; events: ApiEvent[] }> {
  const session: PowerShellSession = labSession(newLab(scenario));
  const events: ApiEvent[] = [];
  try {
    const api = createApi({
      session,
      mode: 'practice',
      transport: 'lab-host',
      emit: (e) => events.push(e),
      journalDir: JOURNALS,
    });
    const result = apiResultSchema.parse(await api.dispatch('environment.probe', {}));
    assert.ok(result.ok, JSON.stringify(result));
    return { env: result.value as EnvironmentInfo, events };
  } finally {
    await session.dispose();
  }
}

describe('API handlers', () => {
  it('probes the healthy lab: WEB01, CONTOSO\\Administrator, elevated, with the scenario and DC', async () => {
    const { env, events } = await probe('healthy');
    assert.equal(env.computer, 'WEB01');
    assert.equal(env.user, 'CONTOSO\\Administrator');
    assert.equal(env.domain, 'contoso.com');
    assert.equal(env.elevated, true);
    assert.equal(env.powershellEdition, 'Core');
    assert.deepEqual(env.lab, { scenario: 'healthy', domainController: 'DC01' });
    assert.deepEqual(
      events.map((e) => e.type),
      ['run-started', 'output', 'run-finished'],
    );
  });

  it('probes the not-admin lab: helpdesk, not elevated', async () => {
    const { env } = await probe('not-admin');
    assert.equal(env.user, 'CONTOSO\\helpdesk');
    assert.equal(env.elevated, false);
  });

  it('turns a lost session into an explained error with an action', async () => {
    const broken = { invoke: async () => Promise.reject(new SessionError('Timeout', 'no answer')) };
    const events: ApiEvent[] = [];
    const api = createApi({
      session: broken,
      mode: 'practice',
      transport: 'lab-host',
      emit: (e) => events.push(e),
      journalDir: JOURNALS,
    });
    const result = apiResultSchema.parse(await api.dispatch('environment.probe', {}));
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.kind, PsErrorKind.Timeout);
    assert.ok(!result.ok && result.error.action.length > 0);
    assert.deepEqual(events.at(-1), { ...events.at(-1), type: 'run-finished', ok: false });
  });

  it('answers app.info and the scenario list without PowerShell', async () => {
    const api = createApi({
      session: { invoke: async () => Promise.reject(new Error('unused')) },
      mode: 'real',
      transport: 'electron-ipc',
      emit: () => undefined,
      journalDir: JOURNALS,
    });
    const info = apiResultSchema.parse(await api.dispatch('app.info', {}));
    assert.ok(info.ok && (info.value as { mode: string }).mode === 'real');
    const scenarios = apiResultSchema.parse(await api.dispatch('lab.scenarios', {}));
    assert.ok(scenarios.ok && (scenarios.value as { name: string }[]).some((s) => s.name === 'healthy'));
  });
});
