// The audit's fix commands, run unchanged in the lab as an admin would paste them (practice mode): on risky-domain,
// audit, run EVERY finding's fix.command in the same session, audit again. What a fix changes (Set-Acl on the AD:
// drive with PurgeAccessRules, Set-ADServiceAccount, -Clear) makes its finding go and nothing else appear. The
// findings whose fix is to look first (investigate commands, Remove-ADServiceAccount -WhatIf) or is manual by nature
// (the DCs' update level, read on each DC) stay: they are not pretended to be automatic.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runAudit } from '../../electron/common/audit/audit.js';
import { GOLDEN_GMSA_RECOVERY } from '../../electron/common/audit/findings.js';
import { auditReportSchema, type AuditReport, type Finding } from '../../electron/common/audit/types.js';
import { labState, labStateText, sharedLabSession } from '../helpers/lab.js';
import { trusted } from '../helpers/pwsh.js';

const useLab = sharedLabSession();
type Lab = ReturnType<typeof useLab>;

const audit = async (lab: Lab): Promise<AuditReport> =>
  auditReportSchema.parse(await runAudit({ run: (script, options) => lab.session.run(script, options) }));
const line = (f: Finding): string => `${f.kind} ${f.subject.name}`;

/** Kinds whose fix changes the directory: after it, the finding is gone. */
const FIXED = [
  'badsuccessor-ou',
  'dmsa-preceded-by-privileged',
  'gmsa-broad-retriever',
  'gmsa-membership-writable',
  'kds-key-readable',
  // Its fix adds a read-audit rule on CN=Master Root Keys (Descendents, msKds-ProvRootKey): the lab keeps that
  // computed container's security (state.ts containerSecurity) and each key inherits the rule, as on Windows.
  'kds-reads-not-audited',
  'rc4-only',
];
/** Kinds whose fix is to look (or -WhatIf) first, or is manual: after it, the finding is still there. */
const LOOK_FIRST = ['password-not-rotated', 'user-should-be-managed', 'unused-90-days', 'dc-update-level'];

describe('Set-Acl on the AD: drive', () => {
  const lab = useLab('risky-domain');

  it('-WhatIf writes nothing; without it only the explicit part is kept (the class default is not copied in)', async () => {
    const dn = 'CN=gmsa-web,CN=Managed Service Accounts,DC=contoso,DC=com';
    const before = labStateText(lab.dir);
    const sid = 'S-1-5-21-1004336348-1177238915-682003330-1400';
    const purge = `Import-Module ActiveDirectory
$path = 'AD:${dn}'
$acl = Get-Acl -Path $path
$acl.PurgeAccessRules([System.Security.Principal.SecurityIdentifier]'${sid}')`;
    await lab.run(`${purge}\nSet-Acl -Path $path -AclObject $acl -WhatIf`);
    assert.equal(labStateText(lab.dir), before, 'Set-Acl -WhatIf changed the lab');
    const object = (): { security?: { access: { sid: string }[] } } | undefined =>
      labState(lab.dir).objects.find((o) => o.distinguishedName === dn);
    const explicitBefore = object()?.security?.access ?? [];
    assert.ok(explicitBefore.some((a) => a.sid === sid));
    await lab.run(`${purge}\nSet-Acl -Path $path -AclObject $acl`);
    assert.deepEqual(
      object()?.security?.access,
      explicitBefore.filter((a) => a.sid !== sid),
    );
    const left = await lab.run(
      `@((Get-Acl -Path 'AD:${dn}').GetAccessRules($true, $false, [System.Security.Principal.SecurityIdentifier]) | Where-Object { $_.IdentityReference.Value -eq '${sid}' }).Count`,
    );
    assert.deepEqual(left, [0]);
  });
});

describe("the descriptor's write members, as .NET has them", () => {
  const lab = useLab('healthy');
  const key = async (): Promise<string> => String((await lab.run('(Get-KdsRootKey)[0].KeyId'))[0]);

  it('AddAuditRule with a constructed ActiveDirectoryAuditRule, written with Set-Acl: the audit sees reads audited', async () => {
    const dn = `CN=${await key()},CN=Master Root Keys,CN=Group Key Distribution Service,CN=Services,CN=Configuration,DC=contoso,DC=com`;
    assert.equal((await audit(lab)).kdsKeys[0]?.readsAudited, false);
    await lab.run(`Import-Module ActiveDirectory
$path = 'AD:${dn}'
$acl = Get-Acl -Path $path -Audit
$everyone = [System.Security.Principal.SecurityIdentifier]'S-1-1-0'
$rule = New-Object System.DirectoryServices.ActiveDirectoryAuditRule($everyone, 'ReadProperty', 'Success', [guid]'26627c27-08a2-0a40-a1b1-8dce85b42993')
$acl.AddAuditRule($rule)
Set-Acl -Path $path -AclObject $acl`);
    assert.equal((await audit(lab)).kdsKeys[0]?.readsAudited, true);
  });

  it('AddAccessRule merges rights, RemoveAccessRule takes off only the rights it names, SetOwner changes the owner', async () => {
    const dn = 'OU=Servers,DC=contoso,DC=com';
    const out = await lab.run(`Import-Module ActiveDirectory
$path = 'AD:${dn}'
$sid = [System.Security.Principal.SecurityIdentifier]'S-1-5-21-1-2-3-4000'
$acl = Get-Acl -Path $path
$acl.AddAccessRule((New-Object System.DirectoryServices.ActiveDirectoryAccessRule($sid, 'CreateChild', 'Allow')))
$acl.AddAccessRule((New-Object System.DirectoryServices.ActiveDirectoryAccessRule($sid, 'DeleteChild', 'Allow')))
$acl.SetOwner([System.Security.Principal.SecurityIdentifier]'S-1-5-32-544')
Set-Acl -Path $path -AclObject $acl
$acl = Get-Acl -Path $path
$mine = { @($acl.GetAccessRules($true, $false, [System.Security.Principal.SecurityIdentifier]) | Where-Object { $_.IdentityReference.Value -eq 'S-1-5-21-1-2-3-4000' } | ForEach-Object { [string]$_.ActiveDirectoryRights }) }
& $mine
[string]$acl.GetOwner([System.Security.Principal.SecurityIdentifier]).Value
[void]$acl.RemoveAccessRule((New-Object System.DirectoryServices.ActiveDirectoryAccessRule($sid, 'CreateChild', 'Allow')))
Set-Acl -Path $path -AclObject $acl
$acl = Get-Acl -Path $path
& $mine`);
    assert.deepEqual(out, ['CreateChild, DeleteChild', 'S-1-5-32-544', 'DeleteChild']);
  });
});

describe('the fixes of risky-domain, run in the lab', () => {
  const lab = useLab('risky-domain');
  let first: AuditReport | undefined;
  const before = async (): Promise<AuditReport> => (first ??= await audit(lab));

  it('the manual fixes say so: recovery steps in words, removals with -WhatIf, the DC level unknown', async () => {
    const r = await before();
    const kds = r.findings.find((f) => f.kind === 'kds-key-readable');
    assert.ok(kds?.fix.summary.includes(GOLDEN_GMSA_RECOVERY));
    for (const f of r.findings.filter((x) => /Remove-ADServiceAccount/.test(x.fix.command)))
      assert.match(f.fix.command, /Remove-ADServiceAccount [^\n]*-WhatIf/, line(f));
    const dc = r.findings.find((f) => f.kind === 'dc-update-level');
    assert.equal(dc?.severity, 'info');
    assert.notEqual(dc?.unknown ?? null, null);
  });

  it("runs every finding's fix command; the audit again: each fixable finding is gone, nothing else appears", async () => {
    const r = await before();
    assert.deepEqual([...new Set(r.findings.map((f) => f.kind))].sort(), [...FIXED, ...LOOK_FIRST].sort());
    const failures: string[] = [];
    for (const f of r.findings) {
      const envelope = await lab.session.invoke(trusted(f.fix.command));
      for (const e of envelope.errors) failures.push(`${line(f)}: ${e.message.split('\n')[0] ?? ''}`);
    }
    // What the lab does not model: the DC's registry and hotfixes read through Invoke-Command on the DC (manual by
    // nature: the directory does not record a DC's update revision).
    assert.deepEqual(failures, [
      "dc-update-level contoso.com: Cannot find drive. A drive with the name 'HKLM' does not exist.",
      "dc-update-level contoso.com: The term 'Get-HotFix' is not recognized as a name of a cmdlet, function, script file, or executable program.",
    ]);
    const after = await audit(lab);
    const gone = r.findings.filter((f) => !after.findings.some((a) => a.id === f.id));
    assert.deepEqual(gone.map((f) => f.kind).sort(), [...FIXED].sort());
    const added = after.findings.filter((a) => !r.findings.some((f) => f.id === a.id));
    assert.deepEqual(added.map(line), []);
  });

  it('the audit rule is kept on CN=Master Root Keys itself: a key added afterwards inherits it', async () => {
    const mrk = 'CN=Master Root Keys,CN=Group Key Distribution Service,CN=Services,CN=Configuration,DC=contoso,DC=com';
    assert.deepEqual(Object.keys(labState(lab.dir).containerSecurity ?? {}), [mrk]);
    const known = new Set((await audit(lab)).kdsKeys.map((k) => k.keyId));
    await lab.run('Add-KdsRootKey -EffectiveImmediately | Out-Null');
    const after = await audit(lab);
    const added = after.kdsKeys.filter((k) => !known.has(k.keyId));
    assert.equal(added.length, 1);
    assert.ok(
      after.kdsKeys.every((k) => k.readsAudited === true),
      JSON.stringify(after.kdsKeys),
    );
    assert.deepEqual(after.findings.filter((f) => f.kind === 'kds-reads-not-audited').map(line), []);
  });
});
