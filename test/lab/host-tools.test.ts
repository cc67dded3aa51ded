// The lab's host-side tools: installing RSAT (ServerManager on servers, Dism capabilities on clients) and the lab
// ActiveDirectory module becoming importable in the same session; klist, whoami and gpupdate stand-ins; the
// MsaUserRights commands; the lab clock and replication.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { classifyError, PsErrorKind } from '../../electron/common/powershell/errors.js';
import { PsCommandError } from '../../electron/common/powershell/session.js';
import { LAB_RSAT_MODULE_ROOT, readLab } from '../../electron/lab/lab.js';
import { labSession, newLab } from '../helpers/lab.js';
import { trusted } from '../helpers/pwsh.js';

// klist, whoami and gpupdate are functions in LabTools; a native program of the same name (whoami on Linux; all
// three on Windows) wins over a module that is not loaded yet, so LabTools must be imported before they are called.
// Every other lab command here auto-loads from its module.
const IMPORT = 'Import-Module LabTools';
const PATH_HAS_RSAT = `@($env:PSModulePath -split [IO.Path]::PathSeparator) -contains '${LAB_RSAT_MODULE_ROOT.replace(/'/g, "''")}'`;

/** Runs a script that must fail; returns the PsCommandError. */
async function failure(run: Promise<unknown>): Promise<PsCommandError> {
  try {
    await run;
  } catch (err) {
    assert.ok(err instanceof PsCommandError, String(err));
    return err;
  }
  throw new Error('expected the script to fail');
}

describe('no-rsat: installing RSAT-AD-PowerShell on WEB01', () => {
  const dir = newLab('no-rsat');
  const session = labSession(dir);
  before(() => session.run(trusted(IMPORT)));
  after(() => session.dispose());

  it('the AD cmdlets are missing before the install', async () => {
    const [feature] = await session.run(trusted('Get-WindowsFeature -Name RSAT-AD-PowerShell'));
    const f = feature as Record<string, unknown>;
    assert.equal(f.Name, 'RSAT-AD-PowerShell');
    assert.equal(f.DisplayName, 'Active Directory module for Windows PowerShell');
    assert.equal(f.Installed, false);
    assert.equal(f.InstallState, 'Available');
    assert.equal(f.FeatureType, 'Feature');
    assert.equal(f.Depth, 4);
    assert.match(
      String(f.Path),
      /^Remote Server Administration Tools\\.*\\Active Directory module for Windows PowerShell$/,
    );
    assert.deepEqual(
      await session.run(
        trusted(
          `(Get-WindowsFeature RSAT-AD-PowerShell) -is [Microsoft.Windows.ServerManager.Commands.Feature]; ${PATH_HAS_RSAT}`,
        ),
      ),
      [true, false],
    );
    const notFound = await failure(session.run(trusted('Get-Command Get-ADDomain')));
    assert.match(notFound.errors[0]?.fqid ?? '', /^CommandNotFoundException/);
    assert.equal(classifyError(notFound), PsErrorKind.ModuleMissing);
    const noModule = await failure(session.run(trusted('Import-Module ActiveDirectory')));
    assert.match(noModule.errors[0]?.fqid ?? '', /^Modules_ModuleNotFound,/);
    assert.deepEqual(await session.run(trusted('@(Get-Module -ListAvailable ActiveDirectory).Count')), [0]);
  });

  it('Install-WindowsFeature installs it (with its parents) and the module is available in this session', async () => {
    const [result] = await session.run(trusted('Install-WindowsFeature -Name RSAT-AD-PowerShell'));
    const r = result as {
      Success: boolean;
      RestartNeeded: string;
      ExitCode: string;
      FeatureResult: { Name: string }[];
    };
    assert.equal(r.Success, true);
    assert.equal(r.RestartNeeded, 'No');
    assert.equal(r.ExitCode, 'Success');
    assert.deepEqual(r.FeatureResult.map((x) => x.Name).sort(), [
      'RSAT',
      'RSAT-AD-PowerShell',
      'RSAT-AD-Tools',
      'RSAT-Role-Tools',
    ]);
    assert.equal(readLab(dir).hosts.WEB01?.features['RSAT-AD-PowerShell'], true);
    assert.deepEqual(await session.run(trusted(PATH_HAS_RSAT)), [true]);
    // As on Windows after installing RSAT: the module is listed, and its cmdlets auto-load.
    const listed = await session.run(
      trusted('Get-Module -ListAvailable ActiveDirectory | ForEach-Object { $_.ModuleBase }'),
    );
    assert.deepEqual(listed, [path.join(LAB_RSAT_MODULE_ROOT, 'ActiveDirectory')]);
    assert.deepEqual(await session.run(trusted('(Get-Command Get-ADDomain).Source')), ['ActiveDirectory']);
    const [again] = await session.run(trusted('Install-WindowsFeature RSAT-AD-PowerShell'));
    assert.equal((again as { ExitCode: string }).ExitCode, 'NoChangeNeeded');
    assert.deepEqual((again as { FeatureResult: unknown[] }).FeatureResult, []);
    assert.deepEqual(
      await session.run(
        trusted(
          "(Get-WindowsFeature RSAT-AD-PowerShell, RSAT-AD-Tools).Installed; (Get-WindowsFeature 'RSAT-ADDS*').Installed",
        ),
      ),
      [true, true, false, false],
    );
  });

  it('an unknown feature name fails like Server Manager', async () => {
    const err = await failure(session.run(trusted('Install-WindowsFeature -Name No-Such-Feature')));
    assert.equal(
      err.errors[0]?.fqid,
      'NameDoesNotExist,Microsoft.Windows.ServerManager.Commands.AddWindowsFeatureCommand',
    );
    assert.equal(err.errors[0]?.category, 'InvalidArgument');
  });
});

describe('WS01 (Windows 11 client): RSAT is a capability', () => {
  const dir = newLab('healthy');
  const session = labSession(dir, { computer: 'WS01' });
  before(() =>
    session.run(
      trusted(`${IMPORT}
Update-LabState -Script { param($s) $s.hosts.WS01.capabilities['Rsat.ActiveDirectory.DS-LDS.Tools~~~~0.0.1.0'] = $false } | Out-Null
Update-LabModulePath -State (Get-LabState)`),
    ),
  );
  after(() => session.dispose());

  it('Get-WindowsFeature refuses a client operating system', async () => {
    const err = await failure(session.run(trusted('Get-WindowsFeature')));
    assert.equal(
      err.errors[0]?.fqid,
      'UnSupportedTargetDevice,Microsoft.Windows.ServerManager.Commands.GetWindowsFeatureCommand',
    );
    assert.equal(
      err.errors[0]?.message,
      'The target of the specified cmdlet cannot be a Windows client-based operating system.',
    );
    const install = await failure(session.run(trusted('Install-WindowsFeature RSAT-AD-PowerShell')));
    assert.match(install.errors[0]?.fqid ?? '', /^UnSupportedTargetDevice,/);
  });

  it('Add-WindowsCapability installs the RSAT AD tools and the module is available in this session', async () => {
    const [before, onPath] = await session.run(
      trusted(`Get-WindowsCapability -Online -Name 'Rsat.ActiveDirectory*'; ${PATH_HAS_RSAT}`),
    );
    const b = before as Record<string, unknown>;
    assert.equal(b.Name, 'Rsat.ActiveDirectory.DS-LDS.Tools~~~~0.0.1.0');
    assert.equal(b.State, 'NotPresent');
    assert.equal(b.DisplayName, 'RSAT: Active Directory Domain Services and Lightweight Directory Services Tools');
    assert.equal(typeof b.Description, 'string');
    assert.equal(onPath, false);
    const [added] = await session.run(
      trusted("Add-WindowsCapability -Online -Name 'Rsat.ActiveDirectory.DS-LDS.Tools~~~~0.0.1.0'"),
    );
    const a = added as Record<string, unknown>;
    assert.equal(a.Online, true);
    assert.equal(a.RestartNeeded, false);
    assert.ok('Path' in a && 'LogPath' in a);
    assert.deepEqual(
      await session.run(
        trusted(
          `(Get-WindowsCapability -Online -Name 'Rsat.ActiveDirectory.DS-LDS.Tools~~~~0.0.1.0').State; ${PATH_HAS_RSAT}`,
        ),
      ),
      ['Installed', true],
    );
    assert.equal(readLab(dir).hosts.WS01?.capabilities['Rsat.ActiveDirectory.DS-LDS.Tools~~~~0.0.1.0'], true);
    const unknown = await failure(session.run(trusted("Add-WindowsCapability -Online -Name 'No.Such~~~~0.0.1.0'")));
    assert.equal(unknown.errors[0]?.fqid, 'Microsoft.Dism.Commands.AddWindowsCapabilityCommand');
  });
});

describe('healthy WEB01, elevated Domain Admin', () => {
  const dir = newLab('healthy');
  const session = labSession(dir);
  before(() => session.run(trusted(IMPORT)));
  after(() => session.dispose());

  it('klist purge -li 0x3e7 gives WEB01 a ticket with the groups it is in now', async () => {
    // A new group with WEB01 in it: the ticket does not know until it is refreshed.
    await session.run(
      trusted(`
Update-LabState -Script {
    param($s)
    $web = 'CN=WEB01,OU=Servers,DC=contoso,DC=com'
    $app = 'CN=APP01,OU=Servers,DC=contoso,DC=com'
    [void]$s.objects.Add(@{
        objectClass = 'group'; name = 'gMSA-Web-Hosts'; distinguishedName = 'CN=gMSA-Web-Hosts,OU=Service Groups,DC=contoso,DC=com'
        samAccountName = 'gMSA-Web-Hosts'; objectGuid = [guid]::NewGuid().ToString(); objectSid = 'S-1-5-21-1004336348-1177238915-682003330-1200'
        description = $null; enabled = $null; created = '2024-01-15T09:00:00.000Z'; groupScope = 'Global'; groupCategory = 'Security'
        members = @($web, $app); dnsHostName = $null; operatingSystem = $null; kerberosEncryptionType = @(); servicePrincipalNames = @()
        hostServiceAccounts = @(); principalsAllowedToRetrieveManagedPassword = @(); managedPasswordIntervalInDays = $null
        hostComputers = @(); onlyOn = @()
    })
    $s.hosts.WEB01.ticketIssued = '2024-01-15T09:00:00.000Z'
    [void]$s.hosts.APP01.tasks.Add(@{
        taskName = 'Nightly-Report'; taskPath = '\\'; description = $null; state = 'Running'
        actions = @(@{ execute = 'powershell.exe'; arguments = '-File C:\\Scripts\\Nightly-Report.ps1'; workingDirectory = $null })
        triggers = @(); principal = @{ userId = 'CONTOSO\\svc_report$'; logonType = 'Password'; runLevel = 'Limited'; groupId = $null }
        settings = @{}; registered = '2024-01-15T09:00:00.000Z'; lastRunTime = $null; lastTaskResult = 267009
        numberOfMissedRuns = 0; history = @()
    })
} | Out-Null`),
    );
    const group = 'CN=gMSA-Web-Hosts,OU=Service Groups,DC=contoso,DC=com';
    const domainComputers = 'CN=Domain Computers,CN=Users,DC=contoso,DC=com';
    assert.deepEqual(readLab(dir).hosts.WEB01?.ticketGroups, [domainComputers]);

    // The user's own tickets: no effect on the computer's.
    const userPurge = await session.invoke(trusted('klist purge'));
    assert.equal(userPurge.exitCode, 0);
    assert.deepEqual(readLab(dir).hosts.WEB01?.ticketGroups, [domainComputers]);

    const envelope = await session.invoke(trusted('klist purge -li 0x3e7'));
    assert.ok(envelope.ok);
    assert.equal(envelope.exitCode, 0);
    assert.deepEqual(envelope.data.slice(2), [
      'Targeted LogonId is 0:0x3e7',
      '\tDeleting all tickets:',
      '\tTicket(s) purged!',
    ]);
    assert.match(String(envelope.data[1]), /^Current LogonId is 0:0x[0-9a-f]+$/);
    const host = readLab(dir).hosts.WEB01;
    assert.deepEqual([...(host?.ticketGroups ?? [])].sort(), [domainComputers, group].sort());
    assert.ok(Date.now() - Date.parse(host?.ticketIssued ?? '') < 60_000, 'ticketIssued is now');

    // The same through Invoke-MsaNative, as the app runs it; and the ticket list names the computer.
    const [native] = await session.run(trusted("Invoke-MsaNative -FilePath klist -ArgumentList purge, '-li', '0x3e7'"));
    const n = native as { ExitCode: number; Output: string[]; Error: string[] };
    assert.equal(n.ExitCode, 0);
    assert.ok(n.Output.includes('\tTicket(s) purged!'));
    const list = await session.invoke(trusted('& klist -li 0x3e7'));
    assert.equal(list.exitCode, 0);
    assert.ok(list.data.includes('#0>\tClient: WEB01$ @ CONTOSO.COM'), JSON.stringify(list.data));

    // A simulated restart refreshes another computer's ticket too, and stops its running tasks.
    await session.run(trusted('Restart-LabComputer -ComputerName APP01'));
    assert.ok(readLab(dir).hosts.APP01?.ticketGroups.includes(group));
    assert.equal(readLab(dir).hosts.APP01?.tasks[0]?.state, 'Ready');
  });

  it('klist with an unknown argument prints usage and exits 1', async () => {
    const envelope = await session.invoke(trusted('klist frobnicate'));
    assert.ok(envelope.ok);
    assert.equal(envelope.exitCode, 1);
    assert.ok(envelope.data.some((l) => String(l).startsWith('Usage: klist')));
  });

  it('whoami: the name, the SID and an elevated token as CSV', async () => {
    const name = await session.invoke(trusted('whoami'));
    assert.deepEqual(name.data, ['contoso\\administrator']);
    assert.equal(name.exitCode, 0);
    assert.deepEqual(await session.run(trusted('whoami /user /fo csv /nh')), [
      '"contoso\\administrator","S-1-5-21-1004336348-1177238915-682003330-500"',
    ]);
    const lines = (await session.run(trusted('whoami /groups /fo csv /nh'))) as string[];
    assert.ok(lines.includes('"Mandatory Label\\High Mandatory Level","Label","S-1-16-12288",""'));
    assert.ok(
      lines.includes(
        '"BUILTIN\\Administrators","Alias","S-1-5-32-544","Mandatory group, Enabled by default, Enabled group, Group owner"',
      ),
    );
    const rows = (await session.run(
      trusted("whoami /groups /fo csv /nh | ConvertFrom-Csv -Header 'Group Name', 'Type', 'SID', 'Attributes'"),
    )) as Record<string, string>[];
    const byName = new Map(rows.map((r) => [r['Group Name'], r]));
    assert.equal(byName.get('CONTOSO\\Domain Admins')?.SID, 'S-1-5-21-1004336348-1177238915-682003330-512');
    assert.equal(
      byName.get('CONTOSO\\Domain Admins')?.Attributes,
      'Mandatory group, Enabled by default, Enabled group',
    );
    assert.equal(byName.get('Everyone')?.Type, 'Well-known group');
    assert.ok(byName.has('BUILTIN\\Users') && byName.has('NT AUTHORITY\\Authenticated Users'));
    // With a header the CSV parses by itself; the table form has the real title.
    const parsed = (await session.run(trusted("(whoami /groups /fo csv | ConvertFrom-Csv).'Group Name'"))) as string[];
    assert.equal(parsed.length, rows.length);
    const table = (await session.run(trusted('whoami /groups'))) as string[];
    assert.equal(table[1], 'GROUP INFORMATION');
    assert.ok(table.some((l) => /^Mandatory Label\\High Mandatory Level +Label +S-1-16-12288$/.test(l)));
  });

  it('MsaUserRights: Grant adds one account and Revoke removes it; other accounts and rights stay', async () => {
    const before = readLab(dir).hosts.WEB01?.userRights;
    const batch = before?.SeBatchLogonRight ?? [];
    const granted = await session.invoke(
      trusted("Grant-MsaUserRight -Right SeBatchLogonRight -Account 'CONTOSO\\WEB01$'"),
    );
    assert.ok(granted.ok, JSON.stringify(granted.errors));
    assert.deepEqual(granted.warnings, []);
    assert.deepEqual(granted.data, [
      {
        Right: 'SeBatchLogonRight',
        ComputerName: 'WEB01',
        Accounts: [...batch, 'CONTOSO\\WEB01$'],
        ManagedByGpo: false,
        GpoName: null,
      },
    ]);
    // Idempotent and case-insensitive; the name comes back canonical.
    const [again] = await session.run(trusted("Grant-MsaUserRight SeBatchLogonRight 'contoso\\web01$'"));
    assert.deepEqual((again as { Accounts: string[] }).Accounts, [...batch, 'CONTOSO\\WEB01$']);
    const afterGrant = readLab(dir).hosts.WEB01?.userRights;
    assert.deepEqual(afterGrant, { ...before, SeBatchLogonRight: [...batch, 'CONTOSO\\WEB01$'] });
    const [got] = await session.run(trusted('Get-MsaUserRight SeServiceLogonRight'));
    assert.deepEqual((got as { Accounts: string[] }).Accounts, before?.SeServiceLogonRight);

    const [revoked] = await session.run(
      trusted("Revoke-MsaUserRight -Right SeBatchLogonRight -Account 'CONTOSO\\WEB01$'"),
    );
    assert.deepEqual((revoked as { Accounts: string[] }).Accounts, batch);
    assert.deepEqual(readLab(dir).hosts.WEB01?.userRights, before);

    const whatIf = await session.run(trusted("Grant-MsaUserRight SeBatchLogonRight 'CONTOSO\\WEB01$' -WhatIf"));
    assert.deepEqual(whatIf, []);
    assert.deepEqual(readLab(dir).hosts.WEB01?.userRights, before);
  });

  it('MsaUserRights: an unknown account or right is refused', async () => {
    const account = await failure(session.run(trusted("Grant-MsaUserRight SeBatchLogonRight 'CONTOSO\\nobody$'")));
    assert.equal(account.errors[0]?.fqid, 'HRESULT 0x80070534,Grant-MsaUserRight');
    assert.equal(classifyError(account), PsErrorKind.AccountNotMapped);
    const right = await failure(session.run(trusted("Grant-MsaUserRight SeMadeUpRight 'CONTOSO\\WEB01$'")));
    assert.equal(right.errors[0]?.type, 'System.ArgumentException');
    assert.equal(right.errors[0]?.fqid, 'NoSuchPrivilege,Grant-MsaUserRight');
  });

  it('Set-LabClock moves lab time; Get-LabClock reports the offset', async () => {
    const [minutes, offset, reset] = await session.run(
      trusted(`
$before = Get-LabNow
Set-LabClock -Advance '02:00:00' | Out-Null
[math]::Round(((Get-LabNow) - $before).TotalMinutes)
(Get-LabClock).OffsetSeconds
(Set-LabClock -Offset '00:00:00').OffsetSeconds`),
    );
    assert.equal(minutes, 120);
    assert.equal(offset, 7200);
    assert.equal(reset, 0);
    assert.equal(readLab(dir).clockOffsetSeconds, 0);
  });
});

describe('not-admin: helpdesk, not elevated', () => {
  const dir = newLab('not-admin');
  const session = labSession(dir);
  before(() => session.run(trusted(IMPORT)));
  after(() => session.dispose());

  it('klist purge -li 0x3e7 fails with a non-zero exit code and changes nothing', async () => {
    const issued = readLab(dir).hosts.WEB01?.ticketIssued;
    const envelope = await session.invoke(trusted('klist purge -li 0x3e7'));
    assert.ok(envelope.ok, 'a native tool failing is not a PowerShell error');
    assert.notEqual(envelope.exitCode, 0);
    assert.notEqual(envelope.exitCode, null);
    assert.ok(envelope.data.some((l) => String(l).includes('{Access Denied}')));
    const [native] = await session.run(trusted("Invoke-MsaNative -FilePath klist -ArgumentList purge, '-li', '0x3e7'"));
    assert.notEqual((native as { ExitCode: number }).ExitCode, 0);
    assert.equal(readLab(dir).hosts.WEB01?.ticketIssued, issued);
  });

  it('whoami /groups: a medium-integrity token without Administrators', async () => {
    const lines = (await session.run(trusted('whoami /groups /fo csv /nh'))) as string[];
    assert.ok(lines.includes('"Mandatory Label\\Medium Mandatory Level","Label","S-1-16-8192",""'));
    assert.ok(!lines.some((l) => l.includes('High Mandatory Level')));
    assert.ok(!lines.some((l) => l.startsWith('"BUILTIN\\Administrators"')));
    assert.ok(
      lines.includes(
        '"CONTOSO\\Domain Users","Group","S-1-5-21-1004336348-1177238915-682003330-513","Mandatory group, Enabled by default, Enabled group"',
      ),
    );
    assert.deepEqual(await session.run(trusted('whoami')), ['contoso\\helpdesk']);
  });

  it('MsaUserRights, Install-WindowsFeature and Get-WindowsCapability are denied', async () => {
    const before = readLab(dir).hosts.WEB01?.userRights;
    const get = await failure(session.run(trusted('Get-MsaUserRight SeBatchLogonRight')));
    assert.equal(get.errors[0]?.fqid, 'LsaOpenPolicyAccessDenied,Get-MsaUserRight');
    assert.equal(get.errors[0]?.type, 'System.UnauthorizedAccessException');
    assert.equal(get.errors[0]?.category, 'PermissionDenied');
    assert.equal(classifyError(get), PsErrorKind.AccessDenied);
    const grant = await failure(session.run(trusted("Grant-MsaUserRight SeBatchLogonRight 'CONTOSO\\WEB01$'")));
    assert.equal(grant.errors[0]?.fqid, 'LsaOpenPolicyAccessDenied,Grant-MsaUserRight');
    assert.deepEqual(readLab(dir).hosts.WEB01?.userRights, before);
    const install = await failure(session.run(trusted('Install-WindowsFeature RSAT-AD-Tools')));
    assert.equal(install.errors[0]?.type, 'System.UnauthorizedAccessException');
    assert.equal(classifyError(install), PsErrorKind.AccessDenied);
    const dism = await failure(session.run(trusted('Get-WindowsCapability -Online')));
    assert.equal(dism.errors[0]?.fqid, 'Microsoft.Dism.Commands.GetWindowsCapabilityCommand');
    assert.equal(dism.errors[0]?.message, 'The requested operation requires elevation.');
  });
});

describe('not-admin lab as Administrator: a Domain Admin without elevation', () => {
  const dir = newLab('not-admin');
  const session = labSession(dir, { user: 'Administrator' });
  before(() => session.run(trusted(IMPORT)));
  after(() => session.dispose());

  it('whoami /groups shows the UAC-filtered token; Grant-MsaUserRight is denied', async () => {
    const rows = (await session.run(
      trusted("whoami /groups /fo csv /nh | ConvertFrom-Csv -Header 'Group Name', 'Type', 'SID', 'Attributes'"),
    )) as Record<string, string>[];
    const byName = new Map(rows.map((r) => [r['Group Name'], r]));
    assert.equal(byName.get('BUILTIN\\Administrators')?.Attributes, 'Group used for deny only');
    assert.equal(byName.get('CONTOSO\\Domain Admins')?.Attributes, 'Group used for deny only');
    assert.equal(byName.get('Mandatory Label\\Medium Mandatory Level')?.SID, 'S-1-16-8192');
    const grant = await failure(session.run(trusted("Grant-MsaUserRight SeBatchLogonRight 'CONTOSO\\WEB01$'")));
    assert.equal(classifyError(grant), PsErrorKind.AccessDenied);
  });
});

describe('gpo-managed-rights: "Log on as a batch job" set by a GPO', () => {
  const dir = newLab('gpo-managed-rights');
  const session = labSession(dir);
  before(() => session.run(trusted(IMPORT)));
  after(() => session.dispose());

  it('Grant says the right is GPO-managed and warns; gpupdate /force removes the local grant', async () => {
    const granted = await session.invoke(trusted("Grant-MsaUserRight SeBatchLogonRight 'CONTOSO\\WEB01$'"));
    assert.ok(granted.ok);
    const g = granted.data[0] as { Accounts: string[]; ManagedByGpo: boolean; GpoName: string };
    assert.deepEqual(g.Accounts, ['BUILTIN\\Administrators', 'CONTOSO\\WEB01$']);
    assert.equal(g.ManagedByGpo, true);
    assert.equal(g.GpoName, 'Server Baseline');
    assert.equal(granted.warnings.length, 1);
    assert.match(granted.warnings[0] ?? '', /Server Baseline/);

    // A plain gpupdate processes changed GPOs only: the grant survives it.
    await session.run(trusted('gpupdate | Out-Null'));
    assert.deepEqual(readLab(dir).hosts.WEB01?.userRights.SeBatchLogonRight, [
      'BUILTIN\\Administrators',
      'CONTOSO\\WEB01$',
    ]);

    const refresh = await session.invoke(trusted('gpupdate /force'));
    assert.equal(refresh.exitCode, 0);
    assert.ok(refresh.data.includes('Computer Policy update has completed successfully.'));
    const [after] = await session.run(trusted('Get-MsaUserRight SeBatchLogonRight'));
    assert.deepEqual((after as { Accounts: string[] }).Accounts, ['BUILTIN\\Administrators']);
    assert.deepEqual(readLab(dir).hosts.WEB01?.userRights.SeServiceLogonRight, ['NT SERVICE\\ALL SERVICES']);
  });
});

describe('multi-dc-replication: Sync-LabReplication', () => {
  const dir = newLab('multi-dc-replication');
  const session = labSession(dir);
  before(() => session.run(trusted(IMPORT)));
  after(() => session.dispose());

  it('makes the DC01-only KDS root key visible on DC02 (the DC in use)', async () => {
    const keyId = readLab(dir).kdsRootKeys[0]?.keyId ?? '';
    const script = `Test-KdsRootKey -KeyId '${keyId}'`;
    assert.deepEqual(await session.run(trusted(script)), [false]);
    const [result] = await session.run(trusted('Sync-LabReplication'));
    assert.equal((result as { KdsRootKeysReplicated: number }).KdsRootKeysReplicated, 1);
    assert.deepEqual(await session.run(trusted(script)), [true]);
    assert.deepEqual(readLab(dir).kdsRootKeys[0]?.replicatedTo, ['DC01', 'DC02']);
  });
});
