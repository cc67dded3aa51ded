// The audit on real pwsh against the lab, as the admin runs it: `healthy` reports only what is really there (no
// gMSA, one KDS root key whose reads no SACL audits: low), `risky-domain` reports each planted finding (the scenario's
// own list, plantedFindings()) with its evidence and its fix, and nothing medium-or-worse besides. Read-only: the
// lab's state file is byte-identical after the audit. Through the API too: audit.run, audit.export, audit.preview.
// The script itself: Windows PowerShell 5.1 syntax, ASCII only, no cmdlet that writes.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { apiResultSchema, scriptPreviewSchema } from '../../electron/common/api/contract.js';
import { createApi } from '../../electron/common/api/handlers.js';
import { runAudit } from '../../electron/common/audit/audit.js';
import { parseAuditAnswer } from '../../electron/common/audit/parse.js';
import { auditScript } from '../../electron/common/audit/script.js';
import { auditReportSchema, type AuditReport, type Finding } from '../../electron/common/audit/types.js';
import { BADSUCCESSOR_OU, plantedFindings } from '../../electron/lab/scenarios/risky-domain.js';
import { labStateText, sharedLabSession } from '../helpers/lab.js';
import { scanForPs7Syntax } from '../powershell/ps51-scan.js';

const useLab = sharedLabSession();
const ACTIONABLE = new Set(['critical', 'high', 'medium']);

const audit = async (lab: ReturnType<typeof useLab>): Promise<AuditReport> =>
  auditReportSchema.parse(await runAudit({ run: (script, options) => lab.session.run(script, options) }));
const line = (f: Finding): string => `${f.severity} ${f.kind} ${f.subject.name}`;

describe('audit on healthy', () => {
  const lab = useLab('healthy');

  it('finds nothing medium or worse: the one low finding is the KDS key no SACL audits (the default)', async () => {
    const before = labStateText(lab.dir);
    const report = await audit(lab);
    assert.equal(labStateText(lab.dir), before, 'the audit changed the lab');
    assert.deepEqual(report.accounts, []);
    assert.deepEqual(
      report.findings.map((f) => `${f.severity} ${f.kind}`),
      ['low kds-reads-not-audited'],
    );
    assert.equal(report.domain, 'contoso.com');
    assert.equal(report.kdsKeys.length, 1);
    assert.equal(report.kdsKeys[0]?.isEffective, true);
    assert.deepEqual(report.kdsKeys[0]?.readers, []);
    assert.equal(report.kdsKeys[0]?.readsAudited, false);
    assert.ok(report.queries > 0);
  });
});

describe('audit reads for BadSuccessor', () => {
  const lab = useLab('healthy');

  it("reads the domain head's ACL with the OUs and containers (a dMSA can be created directly under the domain)", async () => {
    const facts = parseAuditAnswer(await lab.session.run(auditScript(), {}));
    const head = facts.containers.find((c) => c.dn === 'DC=contoso,DC=com');
    assert.equal(head?.objectClass, 'domainDNS');
    assert.ok((head.security?.access.length ?? 0) > 0, "the domain head's ACL was read");
  });

  it('finds a delegate who may create objects directly under the domain (badsuccessor-ou on the domain head)', async () => {
    // CreateChild for every class, explicit on the domain head, to Domain Users (RID 513): the head's explicit part
    // lives in the state's containerSecurity (a computed record), as Set-Acl on AD:DC=contoso,DC=com writes it.
    await lab.run(
      "Update-LabState -Script { param($s) $sid = $s.domain.domainSid + '-513'; $s.containerSecurity = @{ 'DC=contoso,DC=com' = @{ protected = $false; audit = @(); access = @(@{ sid = $sid; rights = 'CreateChild'; type = 'Allow'; inheritance = 'None' }) } } } | Out-Null",
    );
    const report = await audit(lab);
    const found = report.findings.find((f) => f.kind === 'badsuccessor-ou');
    assert.equal(found?.subject.kind, 'domain');
    assert.equal(found.subject.dn, 'DC=contoso,DC=com');
    assert.match(found.evidence.join('\n'), /Domain Users: Allow CreateChild on objects of every class \(explicit\)/);
  });
});

describe('audit of the KDS root key SACL (Get-Acl -Audit on the AD: drive)', () => {
  const lab = useLab('healthy');

  it('a Success audit rule for reads of msKds-RootKeyData: audited, no finding', async () => {
    await lab.run(
      "Update-LabState -Script { param($s) $s.kdsRootKeys[0].security = @{ access = @(); protected = $false; audit = @(@{ sid = 'S-1-1-0'; rights = 'ReadProperty'; type = 'Success'; objectType = '26627c27-08a2-0a40-a1b1-8dce85b42993'; inheritance = 'None' }) } } | Out-Null",
    );
    const report = await audit(lab);
    assert.equal(report.kdsKeys[0]?.readsAudited, true);
    assert.deepEqual(report.findings, []);
  });
});

describe('audit as helpdesk, not elevated (not-admin)', () => {
  const lab = useLab('not-admin');

  it('cannot read the SACL: reads audited is unknown (info), not "not audited"', async () => {
    const report = await audit(lab);
    assert.equal(report.kdsKeys[0]?.readsAudited ?? null, null);
    assert.deepEqual(
      report.findings.map((f) => `${f.severity} ${f.kind}`),
      ['info kds-reads-not-audited'],
    );
    assert.match(report.findings[0]?.unknown ?? '', /SeSecurityPrivilege/);
  });
});

describe('audit on risky-domain', () => {
  const lab = useLab('risky-domain');
  let report: AuditReport | undefined;
  const got = async (): Promise<AuditReport> => (report ??= await audit(lab));

  for (const planted of plantedFindings()) {
    it(`finds ${planted.kind} on ${planted.subject} with its evidence and a fix`, async () => {
      const r = await got();
      const f = r.findings.find(
        (x) => x.kind === planted.kind && (x.subject.name === planted.subject || x.subject.dn === planted.subject),
      );
      assert.ok(f !== undefined, `${planted.kind} ${planted.subject} not in:\n${r.findings.map(line).join('\n')}`);
      assert.ok(
        f.evidence.some((e) => e.includes(planted.evidence)),
        `evidence lacks '${planted.evidence}': ${f.evidence.join(' | ')}`,
      );
      assert.notEqual(f.fix.command.trim(), '');
      assert.equal(f.unknown, null);
    });
  }

  it('reports nothing medium or worse beyond what was planted; the extras are the stale gMSA unused (low) and the 2025 DC update level (info, unknown)', async () => {
    const r = await got();
    const planted = plantedFindings();
    const extra = r.findings.filter(
      (f) => !planted.some((p) => p.kind === f.kind && (p.subject === f.subject.name || p.subject === f.subject.dn)),
    );
    assert.deepEqual(extra.map(line), ['low unused-90-days gmsa-batch$', 'info dc-update-level contoso.com']);
    assert.ok(extra.every((f) => !ACTIONABLE.has(f.severity)));
    const dcLevel = extra.find((f) => f.kind === 'dc-update-level');
    assert.match(dcLevel?.unknown ?? '', /update revision/);
    assert.match(dcLevel?.fix.command ?? '', /UBR/);
  });

  it("every finding's fix command is Windows PowerShell 5.1 syntax and ASCII", async () => {
    const fixes = (await got()).findings.map((f) => ({ name: f.id, text: f.fix.command }));
    const scanned = await scanForPs7Syntax(lab.session, fixes);
    assert.deepEqual(
      scanned.filter((f) => f.problems.length > 0),
      [],
    );
    assert.deepEqual(
      fixes.filter((f) => [...f.text].some((c) => c > '~')).map((f) => f.name),
      [],
    );
  });

  it('words the BadSuccessor finding with the OU, the ACE and the command, critical with a 2025 DC', async () => {
    const f = (await got()).findings.find((x) => x.kind === 'badsuccessor-ou');
    assert.equal(f?.severity, 'critical');
    assert.equal(f.subject.dn, BADSUCCESSOR_OU);
    assert.ok(
      f.evidence.includes(
        'CONTOSO\\Helpdesk Team: Allow CreateChild, DeleteChild on objects of every class (explicit)',
      ),
    );
    assert.match(f.fix.command, /^\$path = 'AD:' \+ 'OU=App Servers,DC=contoso,DC=com'$/m);
    assert.match(f.fix.command, /PurgeAccessRules/);
  });

  it('resolves the inventory: types, retrievers, the dMSA link, the SPN user to move', async () => {
    const r = await got();
    const byName = new Map(r.accounts.map((a) => [a.sam, a]));
    assert.equal(byName.get('gmsa-report$')?.type, 'gMSA');
    assert.equal(byName.get('msa-legacy$')?.type, 'sMSA');
    assert.deepEqual(byName.get('msa-legacy$')?.encryptionTypes, ['RC4']);
    assert.equal(byName.get('dmsa-legacy$')?.type, 'dMSA');
    assert.equal(byName.get('dmsa-legacy$')?.precededBy, 'CN=Administrator,CN=Users,DC=contoso,DC=com');
    assert.ok(byName.get('gmsa-report$')?.retrievers.some((x) => x.name === 'CONTOSO\\Domain Users'));
    const move = r.findings.find((f) => f.kind === 'user-should-be-managed');
    assert.equal(move?.moveAccount, 'svc-legacy');
    assert.deepEqual(
      r.dcs.map((d) => d.operatingSystem).filter((os) => os.includes('2025')),
      ['Windows Server 2025 Datacenter'],
    );
  });

  it('answers through the API: audit.preview shows the script, audit.run the report, audit.export the HTML file', async () => {
    const events: string[] = [];
    const api = createApi({
      session: lab.session,
      mode: 'practice',
      transport: 'lab-host',
      emit: (e) => events.push(e.type),
      journalDir: mkdtempSync(path.join(tmpdir(), 'msa-journal-')),
    });
    const preview = apiResultSchema.parse(await api.dispatch('audit.preview', {}));
    assert.ok(preview.ok);
    assert.equal(scriptPreviewSchema.parse(preview.value).script, auditScript().text);
    const run = apiResultSchema.parse(
      await api.dispatch('audit.run', {
        usedBy: [
          { account: 'CONTOSO\\gmsa-web$', host: 'APP01', kind: 'service', name: 'WebSync', source: 'discovery' },
        ],
      }),
    );
    assert.ok(run.ok, JSON.stringify(run));
    const parsed = auditReportSchema.parse(run.value);
    assert.deepEqual(parsed.accounts.find((a) => a.sam === 'gmsa-web$')?.usedBy, [
      { host: 'APP01', kind: 'service', name: 'WebSync', source: 'discovery' },
    ]);
    assert.ok(events.includes('run-started') && events.includes('run-finished'));
    const exported = apiResultSchema.parse(await api.dispatch('audit.export', { format: 'html', report: parsed }));
    assert.ok(exported.ok);
    const file = exported.value as { text: string; fileName: string };
    assert.match(file.fileName, /\.html$/);
    assert.match(file.text, /BadSuccessor/);
    const bad = apiResultSchema.parse(await api.dispatch('audit.run', { usedBy: 'x' }));
    assert.equal(!bad.ok && bad.error.kind, 'BadInput');
  });
});

describe("audit reads the token's SIDs", () => {
  const lab = useLab('healthy');

  it('counts a Domain Admin only elevated (UAC leaves the group deny-only), and reads the SACL only then', async () => {
    const read = async () => parseAuditAnswer(await lab.session.run(auditScript(), {})).context;
    const elevated = await read();
    assert.deepEqual([elevated.domainAdmin, elevated.readSacl], [true, true]);
    // The session's context is read when it is bound: re-bind it to the same lab, now not elevated.
    await lab.run(`Update-LabState -Script { param($s) $s.context.elevated = $false } | Out-Null
$c = Get-LabContext
Initialize-LabSession -LabDir $c.LabDir -ModuleRoot $c.ModuleRoot -RsatModuleRoot $c.RsatModuleRoot`);
    const filtered = await read();
    assert.deepEqual([filtered.domainAdmin, filtered.readSacl], [false, false]);
  });
});

describe('the audit script', () => {
  const lab = useLab('healthy');
  const text = auditScript().text;

  it('is Windows PowerShell 5.1 syntax', async () => {
    const [finding] = await scanForPs7Syntax(lab.session, [{ name: 'audit', text }]);
    assert.deepEqual(finding?.problems, []);
  });

  it('is ASCII', () => {
    assert.deepEqual(
      [...text].filter((c) => c > '~' || (c < ' ' && c !== '\n' && c !== '\r' && c !== '\t')),
      [],
    );
  });

  it('only reads: no cmdlet that changes anything (its own helpers and New-Object aside)', () => {
    const code = text
      .split('\n')
      .filter((l) => !l.trim().startsWith('#'))
      .join('\n');
    const changing = [
      ...code.matchAll(
        /\b(?:Set|New|Remove|Add|Enable|Disable|Reset|Install|Uninstall|Clear|Register|Unregister|Start|Stop|Restart|Invoke|Move|Rename)-[A-Za-z]+/g,
      ),
    ]
      .map((m) => m[0])
      .filter((c) => !['New-Object', 'Add-MsaWanted'].includes(c));
    assert.deepEqual(changing, []);
  });
});
