// The sMSA/gMSA setup steps against the lab domain through one real pwsh session (re-bound per scenario): full
// runs end with Test-ADServiceAccount True, re-runs change nothing, conflicts are reported and left alone, undo
// removes exactly what the run created, and hostile text is rejected or stored byte-identical.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { parsePlan, planWarnings, resolvedPlanSchema, type Plan } from '../../electron/common/plan/plan-schema.js';
import { PsErrorKind } from '../../electron/common/powershell/errors.js';
import { accountStep } from '../../electron/common/steps/account.js';
import { groupMembersStep, groupStep } from '../../electron/common/steps/group.js';
import { installStep, testStep } from '../../electron/common/steps/install.js';
import { planSteps, previewPlan, runPlan, runUndo, undoActions } from '../../electron/common/steps/plan-steps.js';
import type { LabState } from '../../electron/lab/state.js';
import { sharedLab } from '../checks/lab-session.js';
import { hostileStrings } from '../powershell/hostile-corpus.js';
import { gmsaPlan, state, stateText, statuses } from './step-fixtures.js';

const lab = sharedLab();
after(() => lab.session.dispose());

const smsaPlan = (): Plan =>
  parsePlan({ accountType: 'smsa', name: 'svc-app', smsa: { computer: 'WEB01' }, targetComputer: 'WEB01' });

/** The state with what a Kerberos ticket refresh changes (a clock and a cache, not objects) taken out. */
function withoutTickets(s: LabState): unknown {
  const copy = structuredClone(s);
  for (const h of Object.values(copy.hosts)) {
    h.ticketIssued = '';
    h.ticketGroups = [];
  }
  return copy;
}

describe('gMSA on healthy', () => {
  it('creates the group, adds WEB01, creates the gMSA, refreshes the ticket: Test True; a re-run changes nothing; undo restores the domain', async () => {
    const dir = await lab.use('healthy');
    const initial = state(dir);
    const plan = gmsaPlan();
    const results = await runPlan(lab.session, plan);
    assert.deepEqual(
      statuses(results),
      {
        group: 'done',
        'group-members': 'done',
        account: 'done',
        'refresh-ticket': 'done',
        install: 'exists',
        test: 'done',
      },
      JSON.stringify(results, null, 1),
    );
    assert.match(results.at(-1)?.outcome.message ?? '', /: True\./);
    const account = state(dir).objects.find((o) => o.samAccountName === 'svc-web$');
    assert.equal(account?.objectClass, 'msDS-GroupManagedServiceAccount');
    assert.deepEqual(account?.kerberosEncryptionType, ['AES128', 'AES256']);
    assert.equal(account?.dnsHostName, 'svc-web.contoso.com');
    assert.equal(account?.managedPasswordIntervalInDays, 30);
    assert.deepEqual(account?.principalsAllowedToRetrieveManagedPassword, [
      'CN=gMSA-Web-Hosts,OU=Service Groups,DC=contoso,DC=com',
    ]);

    // Re-run: every step that changes something finds it done; the test step only reads. The file is untouched.
    const before = stateText(dir);
    const again = await runPlan(lab.session, plan);
    assert.deepEqual(statuses(again), {
      group: 'exists',
      'group-members': 'exists',
      account: 'exists',
      'refresh-ticket': 'exists',
      install: 'exists',
      test: 'done',
    });
    assert.ok(again.every((r) => r.outcome.created.length === 0));
    assert.equal(stateText(dir), before);

    // Undo the first run: newest first, each with its own script.
    const actions = undoActions(plan, results);
    assert.deepEqual(
      actions.map((a) => a.stepId),
      ['account', 'group-members', 'group'],
    );
    for (const a of actions) assert.match(a.script.text, /Remove-AD/);
    await runUndo(lab.session, actions);
    // The lab rewrites the file with ConvertTo-Json (the scenario was written by JSON.stringify), so bytes differ:
    // compare the parsed state. The computer's ticket refresh (a timestamp and a cache) cannot be undone.
    assert.deepEqual(withoutTickets(state(dir)), withoutTickets(initial));
  });

  it('reports an existing group with other settings as a conflict and leaves it (and everything else) untouched', async () => {
    const dir = await lab.use('healthy');
    await lab.console(
      "New-ADGroup -Name 'gMSA-Web-Hosts' -GroupScope DomainLocal -GroupCategory Security -Path 'OU=Service Groups,DC=contoso,DC=com'",
    );
    const before = stateText(dir);
    const results = await runPlan(lab.session, gmsaPlan());
    assert.deepEqual(statuses(results), { group: 'conflict' });
    assert.match(results[0]?.outcome.message ?? '', /scope is DomainLocal, not Global.*left unchanged/);
    assert.equal(stateText(dir), before);
    assert.deepEqual(undoActions(gmsaPlan(), results), []);
  });

  it('uses an existing group but never removes it on undo (only the member it added)', async () => {
    const dir = await lab.use('healthy');
    await lab.console(
      "New-ADGroup -Name 'Web-Hosts' -GroupScope Global -GroupCategory Security -Path 'OU=Service Groups,DC=contoso,DC=com'",
    );
    const initial = state(dir);
    const plan = gmsaPlan({
      gmsa: { group: { mode: 'existing', name: 'Web-Hosts' }, computers: ['WEB01'] },
    });
    const results = await runPlan(lab.session, plan);
    assert.equal(statuses(results).group, 'exists');
    assert.equal(statuses(results).test, 'done');
    const actions = undoActions(plan, results);
    assert.deepEqual(
      actions.map((a) => a.stepId),
      ['account', 'group-members'],
    );
    await runUndo(lab.session, actions);
    const after = state(dir);
    const group = after.objects.find((o) => o.name === 'Web-Hosts');
    assert.ok(group, 'the pre-existing group is still there');
    assert.deepEqual(group.members, []);
    assert.deepEqual(withoutTickets(after), withoutTickets(initial));
  });

  it('explains a test that fails because the ticket was not refreshed, and an encryption-type mismatch', async () => {
    await lab.use('healthy');
    const plan = gmsaPlan();
    for (const step of [groupStep, groupMembersStep, accountStep]) {
      assert.equal((await step.run(lab.session, plan)).status, 'done');
    }
    const stale = await testStep.run(lab.session, plan);
    assert.equal(stale.status, 'failed');
    assert.match(stale.message, /False\. WEB01 is in CN=gMSA-Web-Hosts.*ticket predates.*klist purge -li 0x3e7/);

    await lab.use('rc4-only-host');
    const results = await runPlan(lab.session, plan);
    assert.equal(statuses(results).install, 'failed');
    const install = results.find((r) => r.id === 'install')?.outcome;
    assert.equal(install?.errorKind, PsErrorKind.InstallServiceAccountFailed);
    assert.match(
      install?.message ?? '',
      /Encryption-type mismatch: svc-web\$ allows AES128, AES256 but WEB01 supports only RC4/,
    );
  });
});

describe('sMSA on healthy', () => {
  it('creates, links and installs the sMSA: Test True; a re-run changes nothing; undo restores the domain', async () => {
    const dir = await lab.use('healthy');
    const initial = state(dir);
    const plan = smsaPlan();
    assert.deepEqual(
      planSteps(plan).map((s) => s.id),
      ['account', 'smsa-link', 'install', 'test'],
    );
    const results = await runPlan(lab.session, plan);
    assert.deepEqual(
      statuses(results),
      { account: 'done', 'smsa-link': 'done', install: 'done', test: 'done' },
      JSON.stringify(results, null, 1),
    );
    assert.deepEqual(state(dir).hosts.WEB01?.installedAccounts, ['svc-app$']);
    const before = stateText(dir);
    const again = await runPlan(lab.session, plan);
    assert.deepEqual(statuses(again), { account: 'exists', 'smsa-link': 'exists', install: 'exists', test: 'done' });
    assert.equal(stateText(dir), before);
    await runUndo(lab.session, undoActions(plan, results));
    assert.deepEqual(state(dir), initial);
  });

  it('reports an sMSA linked to another computer as a conflict', async () => {
    await lab.use('healthy');
    await lab.console(
      "New-ADServiceAccount -Name 'svc-app' -RestrictToSingleComputer -KerberosEncryptionType 'AES128,AES256'; Add-ADComputerServiceAccount -Identity 'APP01' -ServiceAccount 'svc-app'",
    );
    const results = await runPlan(lab.session, smsaPlan());
    assert.deepEqual(statuses(results), { account: 'exists', 'smsa-link': 'conflict' });
    assert.match(results[1]?.outcome.message ?? '', /linked to CN=APP01.*only one computer/);
  });
});

describe('gMSA on fresh-domain', () => {
  it('fails to create the gMSA with KdsRootKeyMissing, explained with the DC', async () => {
    await lab.use('fresh-domain');
    const results = await runPlan(lab.session, gmsaPlan());
    const account = results.find((r) => r.id === 'account')?.outcome;
    assert.equal(account?.status, 'failed');
    assert.equal(account?.errorKind, PsErrorKind.KdsRootKeyMissing);
    assert.match(account?.message ?? '', /KDS root key is not usable yet on DC01\.contoso\.com/);
    assert.equal(results.at(-1)?.id, 'account', 'the run stops at the failure');
  });
});

describe('hostile input', () => {
  const corpus = hostileStrings(400);
  const sample = corpus.filter((_, i) => i % Math.ceil(corpus.length / 50) === 0);

  it('stores hostile descriptions byte-identical (read back), or rejects them with a reason', async () => {
    const dir = await lab.use('healthy');
    let stored = 0;
    for (const [i, description] of sample.entries()) {
      const input = {
        accountType: 'smsa',
        name: `svc-h${i}`,
        description,
        smsa: { computer: 'WEB01' },
        targetComputer: 'WEB01',
      };
      const parsed = resolvedPlanSchema.safeParse(input);
      if (!parsed.success) {
        assert.match(
          parsed.error.issues[0]?.message ?? '',
          /description|broken character/i,
          JSON.stringify(description),
        );
        continue;
      }
      assert.match(accountStep.preview(parsed.data).text, /New-ADServiceAccount -Name 'svc-h\d+' /);
      const outcome = await accountStep.run(lab.session, parsed.data);
      assert.equal(outcome.status, 'done', `${JSON.stringify(description)}: ${outcome.message}`);
      const saved = state(dir).objects.find((o) => o.samAccountName === `svc-h${i}$`);
      assert.equal(saved?.description ?? '', description, JSON.stringify(description));
      stored++;
    }
    assert.ok(stored >= 45, `${stored} of ${sample.length} stored`);
  });

  it('rejects hostile names (account, computer, group) in the schema with a reason', () => {
    const unsafe = /['"`$;|&(){}<>\u2018-\u201B#@\\/\s]/;
    for (const text of sample) {
      for (const [field, input] of [
        ['name', { name: text }],
        ['targetComputer', { targetComputer: text }],
        ['gmsa.group.name', { gmsa: { group: { mode: 'new', name: text }, computers: ['WEB01'] } }],
      ] as const) {
        const parsed = resolvedPlanSchema.safeParse({ ...gmsaInput(), ...input });
        if (parsed.success) {
          // Only allowlisted characters get through: letters, digits, hyphens (and, in group names, spaces, dots, _).
          const allowed = field === 'gmsa.group.name' ? /^[A-Za-z0-9 ._-]+$/ : /^[A-Za-z0-9-]+\$?$/;
          assert.ok(allowed.test(text.trim()), `${field} accepted ${JSON.stringify(text)}`);
          assert.ok(!unsafe.test(text.trim().replace(/ /g, '')), `${field} accepted ${JSON.stringify(text)}`);
          continue;
        }
        const issue = parsed.error.issues.find((x) => x.path.join('.').startsWith(field.split('.')[0] ?? ''));
        assert.ok(issue !== undefined && issue.message.length > 10, `${field}: ${JSON.stringify(text)}`);
      }
    }
  });

  it('rejects malformed SPNs and OU paths with what to change; a quote in an OU name stays a literal', () => {
    for (const spn of ["HTTP/web01'; whoami", 'web01.contoso.com', 'HTTP/web01:99999', '$(calc)/x']) {
      const parsed = resolvedPlanSchema.safeParse({ ...gmsaInput(), spns: [spn] });
      assert.equal(parsed.success, false, spn);
      assert.match(parsed.error?.issues[0]?.message ?? '', /SPN/);
    }
    const parsed = parsePlan({ ...gmsaInput(), ouPath: "OU=O'Brien $(Stop-Computer),DC=contoso,DC=com" });
    assert.match(accountStep.preview(parsed).text, /'OU=O''Brien \$\(Stop-Computer\),DC=contoso,DC=com'/);
    assert.equal(resolvedPlanSchema.safeParse({ ...gmsaInput(), ouPath: 'OU=x;whoami' }).success, false);
  });

  it('validates the plan with messages that say what to change, and warns loudly on broad principals', () => {
    const problems = (input: unknown) => resolvedPlanSchema.safeParse(input).error?.issues.map((i) => i.message) ?? [];
    assert.match(problems({ ...gmsaInput(), name: 'svc-web-frontend01' }).join(), /at most 15 characters/);
    assert.equal(parsePlan({ ...gmsaInput(), name: 'svc-web$' }).name, 'svc-web');
    assert.match(problems({ ...gmsaInput(), encryptionTypes: [] }).join(), /at least one Kerberos encryption type/);
    assert.match(problems({ ...gmsaInput(), gmsa: undefined }).join(), /group allowed to retrieve/);
    assert.match(
      problems({ accountType: 'smsa', name: 'a1', smsa: { computer: 'APP01' }, targetComputer: 'WEB01' }).join(),
      /linked to/,
    );
    const broad = parsePlan({
      ...gmsaInput(),
      gmsa: { group: { mode: 'existing', name: 'Domain Computers' }, computers: [] },
    });
    assert.match(planWarnings(broad).join(), /every computer in the domain/);
    const preview = previewPlan(gmsaPlan());
    assert.deepEqual(
      preview.map((p) => p.id),
      ['group', 'group-members', 'account', 'refresh-ticket', 'install', 'test'],
    );
    assert.match(
      preview.find((p) => p.id === 'refresh-ticket')?.script.text ?? '',
      /klist' -ArgumentList 'purge', '-li', '0x3e7'/,
    );
    assert.equal(installStep.undo([]).text.includes('Uninstall'), false);
  });
});

function gmsaInput(): Record<string, unknown> {
  return {
    accountType: 'gmsa',
    name: 'svc-web',
    gmsa: { group: { mode: 'new', name: 'gMSA-Web-Hosts' }, computers: ['WEB01'] },
    targetComputer: 'WEB01',
  };
}
