// Scripts written against Microsoft's modules bind in practice mode as they do on Windows (issue 13): parameters take
// pipeline input as the docs state it (ByValue, ByPropertyName), each pipeline object runs the cmdlet's process block
// once, Register-ScheduledTask's positional parameters bind in the real order, the removals the real modules mark
// ConfirmImpact High ask first (a non-interactive host cannot answer: the call fails), and Install-ADServiceAccount
// treats -AccountPassword / -PromptForPassword as documented. The examples are the docs' own.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { PsErrorInfo } from '../../electron/common/powershell/envelope.js';
import { labSession, newLab } from '../helpers/lab.js';
import { trusted } from '../helpers/pwsh.js';

const BASE = 'DC=contoso,DC=com';

function lab(scenario: string) {
  const session = labSession(newLab(scenario));
  after(() => session.dispose());
  const run = async (code: string): Promise<unknown[]> => session.run(trusted(code), { timeoutMs: 300_000 });
  const fail = async (code: string): Promise<PsErrorInfo> => {
    const envelope = await session.invoke(trusted(code), { timeoutMs: 120_000 });
    assert.equal(envelope.ok, false, `expected a failure from: ${code}`);
    const [first] = envelope.errors;
    assert.ok(first !== undefined);
    return first;
  };
  return { run, fail };
}

describe('pipeline input', () => {
  const { run } = lab('healthy');

  it('Install-WindowsFeature docs example 5: Get-WindowsFeature -Name Web-* | Install-WindowsFeature installs every Web-* feature', async () => {
    const [r] = (await run(`
$before = @(Get-WindowsFeature -Name 'Web-*' | Where-Object { -not $_.Installed }).Count
$results = @(Get-WindowsFeature -Name 'Web-*' | Install-WindowsFeature)
[ordered]@{
  before = $before
  left = @(Get-WindowsFeature -Name 'Web-*' | Where-Object { -not $_.Installed } | ForEach-Object { $_.Name })
  success = @($results | ForEach-Object { $_.Success } | Select-Object -Unique)
}`)) as [{ before: number; left: string[]; success: boolean[] }];
    assert.ok(r.before > 1, 'the lab server starts without the Web-* features');
    assert.deepEqual(r.left, []);
    assert.deepEqual(r.success, [true]);
  });

  it('New-ADGroup docs example 2: Get-ADGroup … -Properties Description | New-ADGroup takes the scope and description by property name', async () => {
    const [r] = (await run(`
New-ADGroup -Name 'FabrikamBranch1' -GroupScope Universal -GroupCategory Security -Description 'Branch 1 staff'
$g = Get-ADGroup 'FabrikamBranch1' -Properties Description | New-ADGroup -Name 'Branch1Employees' -SamAccountName 'Branch1Employees' -GroupCategory Distribution -PassThru
$read = Get-ADGroup 'Branch1Employees' -Properties Description
[ordered]@{ scope = [string]$g.GroupScope; category = [string]$g.GroupCategory; sam = $g.SamAccountName
  dn = $g.DistinguishedName; description = $read.Description }`)) as [Record<string, string>];
    assert.deepEqual(r, {
      scope: 'Universal',
      category: 'Distribution',
      sam: 'Branch1Employees',
      dn: `CN=Branch1Employees,CN=Users,${BASE}`,
      description: 'Branch 1 staff',
    });
  });

  it('New-ADGroup method 3: rows from a CSV bind by property name, one group per row', async () => {
    const created = await run(`
@'
Name,GroupScope,GroupCategory,Description
App Readers,Global,Security,Read the app share
App Writers,DomainLocal,Distribution,Write the app share
'@ | ConvertFrom-Csv | New-ADGroup -PassThru | ForEach-Object { $_.Name + '|' + $_.GroupScope + '|' + $_.GroupCategory }
(Get-ADGroup 'App Writers' -Properties Description).Description`);
    assert.deepEqual(created, [
      'App Readers|Global|Security',
      'App Writers|DomainLocal|Distribution',
      'Write the app share',
    ]);
  });

  it('-Identity by value: names and objects piped in, each one its own process block', async () => {
    const r = await run(`
New-ADServiceAccount -Name 'SQL-one' -DNSHostName 'sql-one.contoso.com'
New-ADServiceAccount -Name 'SQL-two' -DNSHostName 'sql-two.contoso.com'
'WEB01', 'APP01' | Get-ADComputer | ForEach-Object { $_.Name }
# Remove-ADServiceAccount docs example 2 (with -Confirm:$false: the cmdlet asks first)
Get-ADServiceAccount -Filter "Name -like 'SQL*'" | Remove-ADServiceAccount -Confirm:$false
@(Get-ADServiceAccount -Filter "Name -like 'SQL*'").Count`);
    assert.deepEqual(r, ['WEB01', 'APP01', 0]);
  });

  it('Test-KdsRootKey -KeyId by property name: each key of Get-KdsRootKey (one List object, unrolled) piped in', async () => {
    const r = (await run(`@(Get-KdsRootKey | ForEach-Object { $_ } | Test-KdsRootKey)`)) as boolean[];
    assert.ok(r.length >= 1);
    assert.deepEqual([...new Set(r)], [true]);
  });
});

describe('pipeline input on a client', () => {
  const session = labSession(newLab('healthy'), { computer: 'WS01' });
  after(() => session.dispose());

  it('Get-WindowsCapability … | Add-WindowsCapability -Online: -Name binds by property name from each capability', async () => {
    const r = await session.run(
      trusted(`Get-WindowsCapability -Online -Name 'Rsat.ActiveDirectory*' | Add-WindowsCapability -Online | ForEach-Object { $_.RestartNeeded }
(Get-WindowsCapability -Online -Name 'Rsat.ActiveDirectory*').State.ToString()`),
      { timeoutMs: 300_000 },
    );
    assert.deepEqual(r, [false, 'Installed']);
  });
});

describe('positions', () => {
  const { run } = lab('healthy');

  it("Register-ScheduledTask's docs example (Register-ScheduledTask Task01 -Action … -Trigger …) and the User set in the real order: Trigger 3, Settings 4, User 5", async () => {
    const [r] = (await run(`
$Sta = New-ScheduledTaskAction -Execute 'Cmd'
$Stt = New-ScheduledTaskTrigger -Once -At 3am
$Sts = New-ScheduledTaskSettingsSet
$null = Register-ScheduledTask Task01 -Action $Sta -Trigger $Stt
$null = Register-ScheduledTask 'Task02' '\\Positional\\' $Sta $Stt $Sts 'SYSTEM'
$one = Get-ScheduledTask -TaskName 'Task01'
$two = Get-ScheduledTask -TaskName 'Task02' -TaskPath '\\Positional\\'
[ordered]@{ one = @($one.Triggers).Count; two = @($two.Triggers).Count; user = $two.Principal.UserId }`)) as [
      Record<string, unknown>,
    ];
    assert.deepEqual(r, { one: 1, two: 1, user: 'SYSTEM' });
  });
});

describe('ConfirmImpact High', () => {
  const { run, fail } = lab('healthy');

  it('Remove-ADGroup -Identity X asks first: a non-interactive host fails and the group stays; -Confirm:$false deletes it', async () => {
    await run(`New-ADGroup -Name 'Temp Group' -GroupScope Global`);
    const asked = await fail(`Remove-ADGroup -Identity 'Temp Group'`);
    assert.match(asked.message, /NonInteractive mode/);
    assert.deepEqual(await run(`(Get-ADGroup 'Temp Group').Name`), ['Temp Group']);
    assert.deepEqual(
      await run(`Remove-ADGroup -Identity 'Temp Group' -Confirm:$false
@(Get-ADGroup -Filter "Name -eq 'Temp Group'").Count`),
      [0],
    );
  });

  it('so do Remove-ADGroupMember, Remove-ADServiceAccount, Remove-ADObject and Remove-ADComputerServiceAccount; $ConfirmPreference None lets them through', async () => {
    await run(`New-ADGroup -Name 'Hosts X' -GroupScope Global
Add-ADGroupMember 'Hosts X' -Members 'WEB01$'
New-ADServiceAccount -Name 'gmsa-x' -DNSHostName 'gmsa-x.contoso.com'
New-ADServiceAccount -Name 'smsa-x' -RestrictToSingleComputer
Add-ADComputerServiceAccount -Identity 'APP01' -ServiceAccount 'smsa-x'`);
    for (const call of [
      `Remove-ADGroupMember 'Hosts X' -Members 'WEB01$'`,
      `Remove-ADServiceAccount 'gmsa-x'`,
      `Remove-ADObject (Get-ADGroup 'Hosts X').DistinguishedName`,
      `Remove-ADComputerServiceAccount -Identity 'APP01' -ServiceAccount 'smsa-x'`,
    ]) {
      assert.match((await fail(call)).message, /NonInteractive mode/, call);
    }
    const [kept] = (await run(`[ordered]@{
  members = @(Get-ADGroupMember 'Hosts X' | ForEach-Object { $_.Name })
  gmsa = @(Get-ADServiceAccount -Filter "Name -eq 'gmsa-x'").Count
  linked = @(Get-ADComputerServiceAccount 'APP01' | ForEach-Object { $_.Name }) }`)) as [Record<string, unknown>];
    assert.deepEqual(kept, { members: ['WEB01'], gmsa: 1, linked: ['smsa-x'] });
    const [gone] = (await run(`$ConfirmPreference = 'None'
Remove-ADGroupMember 'Hosts X' -Members 'WEB01$'
Remove-ADServiceAccount 'gmsa-x'
Remove-ADComputerServiceAccount -Identity 'APP01' -ServiceAccount 'smsa-x'
Remove-ADObject (Get-ADGroup 'Hosts X').DistinguishedName
$ConfirmPreference = 'High'
[ordered]@{ group = @(Get-ADGroup -Filter "Name -eq 'Hosts X'").Count
  gmsa = @(Get-ADServiceAccount -Filter "Name -eq 'gmsa-x'").Count
  linked = @(Get-ADComputerServiceAccount 'APP01').Count }`)) as [Record<string, unknown>];
    assert.deepEqual(gone, { group: 0, gmsa: 0, linked: 0 });
  });
});

describe('Install-ADServiceAccount -AccountPassword / -PromptForPassword', () => {
  const { run, fail } = lab('healthy');
  const installed = async (): Promise<unknown[]> => run(`@((Get-LabState).hosts.WEB01.installedAccounts)`);

  it('a gMSA ignores both: -PromptForPassword installs without asking', async () => {
    await run(`New-ADServiceAccount -Name 'gmsa-pw' -DNSHostName 'gmsa-pw.contoso.com' -PrincipalsAllowedToRetrieveManagedPassword 'WEB01$'
Install-ADServiceAccount -Identity 'gmsa-pw' -PromptForPassword`);
    assert.ok((await installed()).includes('gmsa-pw$'));
  });

  it("an sMSA with -PromptForPassword asks for its current password: a non-interactive host can't answer, so nothing is installed", async () => {
    await run(`New-ADServiceAccount -Name 'smsa-pw' -RestrictToSingleComputer
Add-ADComputerServiceAccount -Identity 'WEB01' -ServiceAccount 'smsa-pw'`);
    const asked = await fail(`Install-ADServiceAccount -Identity 'smsa-pw' -PromptForPassword`);
    assert.match(asked.message, /NonInteractive mode/);
    assert.equal(
      asked.fqid,
      'ActiveDirectoryCmdlet:System.Management.Automation.PSInvalidOperationException,Microsoft.ActiveDirectory.Management.Commands.InstallADServiceAccount',
    );
    assert.ok(!(await installed()).includes('smsa-pw$'));
  });

  it('-AccountPassword takes precedence over -PromptForPassword: the sMSA installs without asking', async () => {
    await run(
      `Install-ADServiceAccount -Identity 'smsa-pw' -PromptForPassword -AccountPassword (ConvertTo-SecureString -AsPlainText 'p@ssw0rd' -Force)`,
    );
    assert.ok((await installed()).includes('smsa-pw$'));
  });
});
