// The prerequisite health check over every lab scenario: each check's status, table-driven, plus what each scenario
// is about (the fix offered, the reason given). One PowerShell session for the file, re-bound per scenario.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  healthReportSchema,
  type CheckResult,
  type CheckStatus,
  type HealthReport,
} from '../../electron/common/api/contract.js';
import { CHECK_IDS } from '../../electron/common/checks/run.js';
import { SCENARIOS } from '../../electron/lab/scenarios.js';
import { sharedLab } from './lab-session.js';

// The columns, in the order of CHECK_IDS.
const COLUMNS = [
  'host-os',
  'host-powershell',
  'host-domain',
  'host-dc',
  'rights-elevated',
  'rights-create-msa',
  'tools-rsat',
  'domain-levels',
  'domain-controllers',
  'domain-adws',
  'domain-msa-container',
  'kds-root-key',
  'kerberos-encryption',
  'kerberos-clock-skew',
  'target-computer-account',
  'target-batch-logon-right',
  'target-gmsa-password',
] as const;

// What each scenario must give, as on Windows (P pass, W warn, F fail, U unknown). Every row lists every check.
// prettier-ignore
const TABLE: Readonly<Record<string, string>> = {
  //                      host:            rights: tools domain:       kds kerberos: target:
  //                      os ps dom dc     elv msa rsat  lvl dcs ws ct key enc clk   acct bat gmsa
  'healthy':              'P  P  P   P      P   P   P     P   P   P  P  P   P   P     P    P   U',
  'fresh-domain':         'P  P  P   P      P   P   P     P   P   P  P  F   P   P     P    P   U',
  'kds-key-pending':      'P  P  P   P      P   P   P     P   P   P  P  W   P   P     P    P   U',
  'legacy-levels':        'P  P  P   P      P   P   P     W   W   P  P  W   P   P     P    P   U',
  'no-rsat':              'U  P  P   U      P   P   F     U   U   U  U  P   U   U     U    P   U',
  'not-admin':            'P  P  P   P      F   F   P     P   P   P  P  P   P   P     P    U   U',
  'multi-dc-replication': 'P  P  P   P      P   P   P     P   P   P  P  W   P   P     P    P   U',
  'gpo-managed-rights':   'P  P  P   P      P   P   P     P   P   P  P  P   P   P     P    W   U',
  'rc4-only-host':        'P  P  P   P      P   P   P     P   P   P  P  P   W   P     P    P   U',
  'clock-skew':           'P  P  P   P      P   P   P     P   P   P  P  P   P   F     P    P   U',
  'server-2025':          'P  P  P   P      P   P   P     P   P   P  P  P   P   P     P    P   U',
  'iis-host':             'P  P  P   P      P   P   P     P   P   P  P  P   P   P     P    P   U',
  'service-host':         'P  P  P   P      P   P   P     P   P   P  P  P   P   P     P    P   U',
  'gpo-managed-service-right': 'P  P  P   P      P   P   P     P   P   P  P  P   P   P     P    P   U',
  'password-expired':     'P  P  P   P      P   P   P     P   P   P  P  P   P   P     P    P   U',
  'many-hosts':           'P  P  P   P      P   P   P     P   P   P  P  P   P   P     P    P   U',
  'risky-domain':         'P  P  P   P      P   P   P     P   P   P  P  P   P   P     P    P   U',
  'large-domain':         'P  P  P   P      P   P   P     P   P   P  P  P   P   P     P    P   U',
};

const STATUS: Readonly<Record<string, CheckStatus>> = { P: 'pass', W: 'warn', F: 'fail', U: 'unknown' };

function expectedRow(scenario: string): Record<string, CheckStatus> {
  const cells = (TABLE[scenario] ?? '').trim().split(/\s+/);
  assert.equal(cells.length, COLUMNS.length, `row ${scenario} has ${cells.length} cells`);
  return Object.fromEntries(
    COLUMNS.map((id, i) => [id, STATUS[cells[i] ?? ''] ?? assert.fail(`bad cell in ${scenario}`)]),
  );
}

const lab = sharedLab();
after(() => lab.session.dispose());

const reports = new Map<string, HealthReport>();
const result = (scenario: string, id: string): CheckResult => {
  const found = reports.get(scenario)?.results.find((r) => r.id === id);
  assert.ok(found, `${scenario}: no result for ${id}`);
  return found;
};

describe('the health check over every lab scenario', () => {
  it('the table covers every scenario and every check', () => {
    assert.deepEqual([...COLUMNS], [...CHECK_IDS]);
    assert.deepEqual(Object.keys(TABLE).sort(), SCENARIOS.map((s) => s.name).sort());
  });

  for (const scenario of Object.keys(TABLE)) {
    it(`${scenario}: every check gives the expected status`, async () => {
      await lab.use(scenario);
      const report = healthReportSchema.parse(await lab.run());
      reports.set(scenario, report);
      assert.deepEqual(
        report.results.map((r) => r.id),
        [...CHECK_IDS],
      );
      const want = expectedRow(scenario);
      const got: Record<string, CheckStatus> = {};
      const wantNow: Record<string, CheckStatus> = {};
      for (const r of report.results) {
        got[r.id] = r.status;
        wantNow[r.id] = want[r.id] ?? 'unknown';
        assert.ok(r.found.length > 0 && r.why.length > 0 && r.command.length > 0, `${r.id} says nothing`);
        assert.ok(r.ms >= 0);
        if (r.status === 'fail') assert.notEqual(r.fix, null, `${scenario}: ${r.id} fails without a fix`);
      }
      assert.deepEqual(
        got,
        wantNow,
        `${scenario}: ${JSON.stringify(
          report.results.map((r) => [r.id, r.found]),
          null,
          1,
        )}`,
      );
    });
  }
});

describe('what each scenario is about', () => {
  it('fresh-domain: the KDS check fails and offers the three ways to create the key', () => {
    const kds = result('fresh-domain', 'kds-root-key');
    assert.match(kds.found, /No KDS root key/);
    assert.deepEqual(
      kds.fix?.actions.map((a) => a.id),
      ['kds-create-default', 'kds-create-immediately', 'kds-create-backdated'],
    );
    const [byDefault, immediately, backdated] = kds.fix?.actions ?? [];
    assert.match(byDefault?.explanation ?? '', /10 hours/);
    assert.match(immediately?.explanation ?? '', /only on the domain controller that creates it/);
    assert.equal(byDefault?.acknowledgement, null);
    assert.match(backdated?.acknowledgement ?? '', /isolated test lab/);
    assert.match(kds.fix?.command ?? '', /Add-KdsRootKey -EffectiveTime \(\(Get-Date\)\.AddHours\(-10\)\)/);
  });

  it('kds-key-pending: the key exists but is not usable yet; readyAt is about 9 hours away', () => {
    const kds = result('kds-key-pending', 'kds-root-key');
    assert.ok(kds.readyAt !== null);
    const hours = (new Date(kds.readyAt).getTime() - Date.now()) / 3_600_000;
    assert.ok(hours > 8.9 && hours <= 9, `readyAt in ${hours} h`);
    assert.match(kds.found, /not usable yet/);
    assert.equal(result('healthy', 'kds-root-key').readyAt, null);
  });

  it('legacy-levels: gMSA unavailable, sMSA available', () => {
    const levels = result('legacy-levels', 'domain-levels');
    assert.match(levels.found, /sMSA yes/);
    assert.match(levels.found, /gMSA no/);
    assert.match(levels.found, /schema version 47/);
    assert.match(result('legacy-levels', 'domain-controllers').found, /gMSA is unavailable; sMSA is available/);
    assert.match(result('legacy-levels', 'kds-root-key').found, /no domain controller runs Windows Server 2012/);
    assert.match(result('healthy', 'domain-levels').found, /sMSA yes; gMSA yes; dMSA no/);
  });

  it('no-rsat: RSAT fails with the server fix; the AD-dependent checks are unknown with the reason', () => {
    const rsat = result('no-rsat', 'tools-rsat');
    assert.equal(rsat.fix?.command, 'Install-WindowsFeature -Name RSAT-AD-PowerShell');
    assert.deepEqual(
      rsat.fix?.actions.map((a) => a.id),
      ['install-rsat-feature'],
    );
    for (const id of ['host-dc', 'domain-levels', 'domain-controllers', 'domain-adws', 'domain-msa-container']) {
      const r = result('no-rsat', id);
      assert.equal(r.status, 'unknown');
      assert.match(r.found, /ActiveDirectory PowerShell module \(RSAT\) is not installed/, `${id}: ${r.found}`);
      assert.ok((r.raw as { error?: { fqid: string } }).error?.fqid.startsWith('CommandNotFoundException'));
    }
  });

  it('not-admin: not elevated, no rights to create service accounts', () => {
    assert.match(result('not-admin', 'rights-elevated').found, /helpdesk runs without elevation/);
    const rights = result('not-admin', 'rights-create-msa');
    assert.match(rights.found, /not in Domain Admins or Enterprise Admins/);
    assert.match(rights.fix?.command ?? '', /^dsacls "CN=Managed Service Accounts,DC=contoso,DC=com"/);
    assert.match(result('not-admin', 'target-batch-logon-right').found, /access was denied/);
  });

  it('multi-dc-replication: names DC02, the DC in use, as the one without the key', () => {
    const kds = result('multi-dc-replication', 'kds-root-key');
    assert.match(kds.found, /exists on DC01 but has not replicated to DC02 \(the DC in use\)/);
    assert.match(kds.fix?.command ?? '', /repadmin \/syncall/);
    assert.deepEqual(kds.fix?.actions, []);
    assert.match(result('multi-dc-replication', 'domain-adws').found, /DC02.*DC01|DC01.*DC02/);
  });

  it('gpo-managed-rights: "Log on as a batch job" is defined by the GPO, named', () => {
    const batch = result('gpo-managed-rights', 'target-batch-logon-right');
    assert.match(batch.found, /Server Baseline/);
    assert.match(batch.fix?.summary ?? '', /in the GPO 'Server Baseline'/);
  });

  it('rc4-only-host: warns that WEB01 supports RC4 only', () => {
    assert.match(result('rc4-only-host', 'kerberos-encryption').found, /WEB01 supports only RC4/);
  });

  it('clock-skew: more than 5 minutes', () => {
    const clock = result('clock-skew', 'kerberos-clock-skew');
    assert.match(clock.found, /more than Kerberos' 5-minute tolerance/);
  });

  it('server-2025: dMSA allowed', () => {
    assert.match(result('server-2025', 'domain-levels').found, /dMSA yes/);
    assert.match(result('server-2025', 'domain-controllers').found, /can also serve dMSA/);
  });

  it('each run is one round trip, timed per probe', () => {
    for (const report of reports.values()) {
      assert.ok(report.ms > 0);
      assert.ok(report.results.some((r) => r.ms > 0));
    }
  });
});
