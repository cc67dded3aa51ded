// The one-click fixes against the lab (each KDS mode, RSAT, the computer's ticket), the rule that the KDS check is
// green only when the key is usable, the API around them (BadInput, events, preview), and probe isolation: a probe
// that throws, writes an error or answers nonsense cannot break the others. One PowerShell session for the file.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { z } from 'zod';
import {
  apiResultSchema,
  healthReportSchema,
  scriptPreviewSchema,
  type ApiEvent,
  type CheckResult,
  type HealthReport,
} from '../../electron/common/api/contract.js';
import { createApi } from '../../electron/common/api/handlers.js';
import { ALL_CHECKS, applyFix, CHECK_IDS } from '../../electron/common/checks/run.js';
import { defineCheck, psConst } from '../../electron/common/checks/types.js';
import { sharedLab } from './lab-session.js';

const JOURNALS = mkdtempSync(path.join(tmpdir(), 'msa-journal-'));

const lab = sharedLab();
after(() => lab.session.dispose());
const api = (events: ApiEvent[] = []) =>
  createApi({
    session: lab.session,
    mode: 'practice',
    transport: 'lab-host',
    emit: (e) => events.push(e),
    journalDir: JOURNALS,
  });

const kdsOf = (report: HealthReport): CheckResult => {
  const kds = report.results.find((r) => r.id === 'kds-root-key');
  assert.ok(kds);
  return kds;
};
const hoursUntil = (iso: string | null): number => {
  assert.ok(iso !== null, 'no readyAt');
  return (new Date(iso).getTime() - Date.now()) / 3_600_000;
};

describe('KDS root key fixes (fresh-domain)', () => {
  it('default: the key is created but not usable for 10 hours; green only once the lab clock has passed it', async () => {
    await lab.use('fresh-domain');
    assert.equal(kdsOf(await lab.run({ only: ['kds-root-key'] })).status, 'fail');

    const { applied, report } = await applyFix(lab.exec, 'kds-create-default', undefined);
    // The effective time in the admin's words (this machine's zone, full date), never ISO or UTC.
    assert.match(
      applied,
      /^Added KDS root key [0-9a-f-]{36}, effective [A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} \d{4} \d{1,2}:\d\d [AP]M\./,
    );
    assert.deepEqual(
      report.results.map((r) => r.id),
      ['kds-root-key', 'target-gmsa-password'],
    );
    const pending = kdsOf(report);
    assert.equal(pending.status, 'warn');
    assert.ok(Math.abs(hoursUntil(pending.readyAt) - 10) < 0.05, `readyAt ${pending.readyAt}`);

    await lab.console('Set-LabClock -Advance (New-TimeSpan -Hours 9 -Minutes 50) | Out-Null');
    const almost = kdsOf(await lab.run({ only: ['kds-root-key'] }));
    assert.equal(almost.status, 'warn');
    // readyAt is on the wizard's clock: the lab's runs 9 h 50 min ahead now, so the key is 10 minutes away.
    assert.ok(Math.abs(hoursUntil(almost.readyAt) * 60 - 10) < 1, `readyAt ${almost.readyAt}`);

    await lab.console('Set-LabClock -Advance (New-TimeSpan -Minutes 11) | Out-Null');
    const usable = kdsOf(await lab.run({ only: ['kds-root-key'] }));
    assert.equal(usable.status, 'pass', usable.found);
    assert.equal(usable.readyAt, null);
    assert.match(usable.found, /is usable now on DC01 \(Test-KdsRootKey: True\)/);
  });

  it('default, the way the issue says it: after Set-LabClock -Advance 10 h 1 min the check is green', async () => {
    await lab.use('fresh-domain');
    await applyFix(lab.exec, 'kds-create-default', undefined);
    await lab.console('Set-LabClock -Advance (New-TimeSpan -Hours 10 -Minutes 1) | Out-Null');
    assert.equal(kdsOf(await lab.run({ only: ['kds-root-key'] })).status, 'pass');
  });

  it('effective immediately: usable at once on this (only) DC', async () => {
    await lab.use('fresh-domain');
    const { applied, report } = await applyFix(lab.exec, 'kds-create-immediately', undefined);
    assert.match(applied, /usable now on the DC that created it/);
    const kds = kdsOf(report);
    assert.equal(kds.status, 'pass', kds.found);
    assert.equal(kds.readyAt, null);
  });

  it('back-dated: refused without acknowledged: true (BadInput), applied with it', async () => {
    await lab.use('fresh-domain');
    for (const input of [{ fix: 'kds-create-backdated' }, { fix: 'kds-create-backdated', acknowledged: false }]) {
      const refused = apiResultSchema.parse(await api().dispatch('checks.fix', input));
      assert.equal(refused.ok, false);
      assert.equal(!refused.ok && refused.error.kind, 'BadInput');
      assert.match(!refused.ok ? refused.error.message : '', /needs acknowledged: true: This is an isolated test lab/);
      assert.match(!refused.ok ? refused.error.action : '', /confirm/);
    }
    // Nothing was created by the refusals.
    assert.equal(kdsOf(await lab.run({ only: ['kds-root-key'] })).status, 'fail');

    const events: ApiEvent[] = [];
    const done = apiResultSchema.parse(
      await api(events).dispatch('checks.fix', { fix: 'kds-create-backdated', acknowledged: true }),
    );
    assert.ok(done.ok, JSON.stringify(done));
    const value = z.object({ applied: z.string(), report: healthReportSchema }).parse(done.value);
    assert.match(value.applied, /test labs only/);
    assert.equal(kdsOf(value.report).status, 'pass');
    // Two operations, each announced with its script and finished: the fix, then the re-run of what it affects.
    const started = events.filter((e) => e.type === 'run-started');
    assert.deepEqual(
      started.map((e) => e.type === 'run-started' && e.operation),
      ['checks.fix', 'checks.run'],
    );
    assert.match(started[0]?.type === 'run-started' ? started[0].script : '', /AddHours\(-10\)/);
    assert.deepEqual(
      events.filter((e) => e.type === 'run-finished').map((e) => e.type === 'run-finished' && e.ok),
      [true, true],
    );
  });
});

describe('RSAT and ticket fixes', () => {
  it('no-rsat: installing the feature makes every AD-dependent check answer', async () => {
    await lab.use('no-rsat');
    const before = await lab.run();
    assert.equal(before.results.find((r) => r.id === 'tools-rsat')?.status, 'fail');
    const { applied, report } = await applyFix(lab.exec, 'install-rsat-feature', undefined);
    assert.match(applied, /^Installed the RSAT-AD-PowerShell feature\./);
    assert.deepEqual(
      report.results.map((r) => r.id),
      [...CHECK_IDS],
    );
    const status = Object.fromEntries(report.results.map((r) => [r.id, r.status]));
    for (const id of ['tools-rsat', 'host-os', 'host-dc', 'domain-levels', 'domain-adws', 'target-computer-account']) {
      assert.equal(status[id], 'pass', `${id}: ${report.results.find((r) => r.id === id)?.found}`);
    }
  });

  it('refresh-computer-ticket: purges the computer ticket and re-runs the password check', async () => {
    await lab.use('healthy');
    const { applied, report } = await applyFix(lab.exec, 'refresh-computer-ticket', undefined);
    assert.match(applied, /Purged this computer's Kerberos tickets/);
    assert.deepEqual(
      report.results.map((r) => r.id),
      ['target-gmsa-password'],
    );
  });

  it('a fix that fails is an explained error, not a report (not-admin cannot add a KDS key)', async () => {
    await lab.use('not-admin');
    const result = apiResultSchema.parse(await api().dispatch('checks.fix', { fix: 'kds-create-immediately' }));
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.kind, 'AccessDenied');
  });
});

describe('a chosen gMSA (runner option, passed as data)', () => {
  it('tests password retrieval for the gMSA; a hostile name is only ever a name', async () => {
    await lab.use('healthy');
    await lab.console(`New-ADServiceAccount -Name 'gmsa-web' -DNSHostName 'gmsa-web.contoso.com' -PrincipalsAllowedToRetrieveManagedPassword 'WEB01$'
New-ADServiceAccount -Name 'gmsa-app' -DNSHostName 'gmsa-app.contoso.com' -PrincipalsAllowedToRetrieveManagedPassword 'APP01$'`);
    const only = ['target-gmsa-password', 'target-batch-logon-right'];
    const web = (await lab.run({ only, gmsa: 'gmsa-web' })).results;
    assert.equal(web[0]?.status, 'warn', web[0]?.found); // batch right: not granted yet
    assert.equal(web[1]?.status, 'pass', web[1]?.found);
    const app = (await lab.run({ only: ['target-gmsa-password'], gmsa: 'gmsa-app' })).results[0];
    assert.equal(app?.status, 'fail');
    assert.match(app?.found ?? '', /WEB01 cannot retrieve the password of gmsa-app\$/);
    assert.deepEqual(
      app?.fix?.actions.map((a) => a.id),
      ['refresh-computer-ticket'],
    );
    const hostile = (await lab.run({ only: ['target-gmsa-password'], gmsa: "x'; Set-LabClock -Advance 1:00:00; '" }))
      .results[0];
    assert.equal(hostile?.status, 'unknown');
    assert.match(hostile?.found ?? '', /Cannot find an object with identity: 'x'; Set-LabClock/);
    const [clock] = (await lab.console('(Get-LabClock).OffsetSeconds')) as [number];
    assert.equal(clock, 0);
  });
});

describe('probe isolation', () => {
  const throwing = defineCheck({
    id: 'test-throws',
    group: 'Host',
    title: 'A probe that throws',
    why: 'test',
    command: 'test',
    probe: psConst`throw 'boom from a probe'`,
    raw: z.unknown(),
    evaluate: () => ({ status: 'pass', found: 'never' }),
  });
  const writesError = defineCheck({
    id: 'test-writes-error',
    group: 'Host',
    title: 'A probe that writes a non-terminating error',
    why: 'test',
    command: 'test',
    probe: psConst`Write-Error -Message 'soft failure' -ErrorAction Continue
[ordered]@{ value = 1 }`,
    raw: z.unknown(),
    evaluate: () => ({ status: 'pass', found: 'never' }),
  });
  const missingCommand = defineCheck({
    id: 'test-missing-command',
    group: 'Host',
    title: 'A probe that calls a command that does not exist',
    why: 'test',
    command: 'test',
    probe: psConst`Get-NoSuchThing -Name x`,
    raw: z.unknown(),
    evaluate: () => ({ status: 'pass', found: 'never' }),
  });
  const wrongShape = defineCheck({
    id: 'test-wrong-shape',
    group: 'Host',
    title: 'A probe that answers in the wrong shape',
    why: 'test',
    command: 'test',
    probe: psConst`[ordered]@{ surprise = $true }`,
    raw: z.object({ expected: z.string() }),
    evaluate: () => ({ status: 'pass', found: 'never' }),
  });
  const badFact = defineCheck({
    id: 'test-bad-fact',
    group: 'Host',
    title: 'A probe that asks for a fact that does not exist',
    why: 'test',
    command: 'test',
    probe: psConst`Get-MsaFact -Name 'noSuchFact'`,
    raw: z.unknown(),
    evaluate: () => ({ status: 'pass', found: 'never' }),
  });

  it('failing probes are unknown with their error; every other check still answers', async () => {
    await lab.use('healthy');
    const hostile = [throwing, writesError, missingCommand, wrongShape, badFact];
    // The bad probes sit between real ones, so the real ones before AND after them must still run.
    const checks = [...ALL_CHECKS.slice(0, 9), ...hostile, ...ALL_CHECKS.slice(9)];
    const report = await lab.run({ checks });
    assert.equal(report.results.length, ALL_CHECKS.length + hostile.length);
    const by = Object.fromEntries(report.results.map((r) => [r.id, r]));
    for (const check of hostile) assert.equal(by[check.id]?.status, 'unknown', check.id);
    assert.match(by['test-throws']?.found ?? '', /Could not check: boom from a probe/);
    assert.match(by['test-writes-error']?.found ?? '', /soft failure/);
    assert.match(by['test-missing-command']?.found ?? '', /Get-NoSuchThing is not available/);
    assert.match(by['test-wrong-shape']?.found ?? '', /unexpected shape \(expected:/);
    assert.match(by['test-bad-fact']?.found ?? '', /no fact named 'noSuchFact'/);
    assert.deepEqual((by['test-throws']?.raw as { error: { fqid: string } }).error.fqid, 'boom from a probe');
    for (const check of ALL_CHECKS) {
      if (check.id === 'target-gmsa-password') continue;
      assert.equal(by[check.id]?.status, 'pass', `${check.id}: ${by[check.id]?.found}`);
    }
  });

  it('a shared fact that fails (no DC answers) gives its error to every probe that needs it', async () => {
    await lab.use('healthy');
    // Break the DC in use for this session only: every AD cmdlet now fails to find a server.
    await lab.console(
      "Initialize-LabSession -LabDir (Get-LabContext).LabDir -ModuleRoot (Get-LabContext).ModuleRoot -RsatModuleRoot (Get-LabContext).RsatModuleRoot -DomainController 'DC99'",
    );
    const report = await lab.run();
    const by = Object.fromEntries(report.results.map((r) => [r.id, r]));
    assert.equal(by['host-dc']?.status, 'fail');
    assert.match(by['host-dc']?.found ?? '', /No domain controller answered/);
    for (const id of ['domain-levels', 'domain-controllers', 'kerberos-encryption', 'target-computer-account']) {
      assert.equal(by[id]?.status, 'unknown', id);
      assert.match(by[id]?.found ?? '', /no domain controller answered over AD Web Services/, id);
    }
    assert.equal(by['host-powershell']?.status, 'pass');
    assert.equal(by['rights-elevated']?.status, 'pass');
  });
});

describe('the API around the checks', () => {
  it('checks.preview returns the whole script; checks.run streams one operation; bad ids are BadInput', async () => {
    await lab.use('healthy');
    const preview = apiResultSchema.parse(await api().dispatch('checks.preview', {}));
    assert.ok(preview.ok);
    const script = scriptPreviewSchema.parse(preview.value);
    assert.equal(script.title, 'Prerequisite health check');
    for (const id of CHECK_IDS) assert.ok(script.script.includes(`Invoke-MsaProbe -Id '${id}'`), id);

    const events: ApiEvent[] = [];
    const run = apiResultSchema.parse(await api(events).dispatch('checks.run', { only: ['kds-root-key', 'host-dc'] }));
    assert.ok(run.ok, JSON.stringify(run));
    const report = healthReportSchema.parse(run.value);
    assert.deepEqual(
      report.results.map((r) => r.id),
      ['host-dc', 'kds-root-key'],
    );
    assert.deepEqual(
      events.map((e) => e.type),
      ['run-started', 'output', 'run-finished'],
    );

    for (const only of [['no-such-check'], []]) {
      const bad = apiResultSchema.parse(await api().dispatch('checks.run', { only }));
      assert.equal(!bad.ok && bad.error.kind, 'BadInput');
    }
    const notAFix = apiResultSchema.parse(await api().dispatch('checks.fix', { fix: 'format-c' }));
    assert.equal(!notAFix.ok && notAFix.error.kind, 'BadInput');
  });
});
