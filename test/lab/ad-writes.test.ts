// The lab AD module's writes, as scripts written against Microsoft's module use them (issue 13): every attribute a
// cmdlet accepts is stored and read back (an attribute bag per object, userAccountControl as real flags), output
// objects take assignments and Set-AD* -Instance writes what changed, Set-ADGroup / Set-ADObject / Set-ADUser /
// Set-ADAccountControl / New-ADComputer / Remove-ADObject exist with the rights, -WhatIf, -PassThru and replication
// of the other writes, and objects carry only their AD properties.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { PsErrorInfo } from '../../electron/common/powershell/envelope.js';
import { labSession, newLab } from '../helpers/lab.js';
import { trusted } from '../helpers/pwsh.js';

const BASE = 'DC=contoso,DC=com';
const WEB01 = `CN=WEB01,OU=Servers,${BASE}`;
const APP01 = `CN=APP01,OU=Servers,${BASE}`;
const HELPDESK = `CN=helpdesk,CN=Users,${BASE}`;
const cls = (cmdlet: string): string => `Microsoft.ActiveDirectory.Management.Commands.${cmdlet.replace('-', '')}`;

function lab(scenario: string) {
  const session = labSession(newLab(scenario));
  after(() => session.dispose());
  const run = async (code: string): Promise<unknown[]> => session.run(trusted(code));
  const fail = async (code: string): Promise<PsErrorInfo> => {
    const envelope = await session.invoke(trusted(code));
    assert.equal(envelope.ok, false, `expected a failure from: ${code}`);
    const [first] = envelope.errors;
    assert.ok(first !== undefined);
    return first;
  };
  return { run, fail };
}

describe('AD writes: attributes are stored and read back', () => {
  const { run, fail } = lab('healthy');

  it('DisplayName, Location, ManagedBy, -Replace/-Clear of info and location, TrustedForDelegation as userAccountControl 0x80000', async () => {
    const [r] = (await run(`
New-ADServiceAccount -Name 'gmsa-app' -DNSHostName 'gmsa-app.contoso.com' -DisplayName 'App pool'
Set-ADServiceAccount 'gmsa-app' -DisplayName 'App pool (prod)'
New-ADGroup -Name 'Web Admins' -GroupScope Global -DisplayName 'Web administrators'
Set-ADComputer 'WEB01' -Location 'Building 2' -ManagedBy 'helpdesk' -TrustedForDelegation $true
Set-ADComputer 'APP01' -Replace @{ info = 'patched Tuesday'; location = 'Rack 7' }
Set-ADComputer 'APP01' -Clear info
$web = Get-ADComputer 'WEB01' -Properties Location, ManagedBy, TrustedForDelegation, userAccountControl
$app = Get-ADComputer 'APP01' -Properties info, Location
$stored = (Get-LabState).objects | Where-Object { $_.name -eq 'WEB01' }
[ordered]@{
  saDisplay = (Get-ADServiceAccount 'gmsa-app' -Properties DisplayName).DisplayName
  groupDisplay = (Get-ADGroup 'Web Admins' -Properties DisplayName).DisplayName
  location = $web.Location
  managedBy = $web.ManagedBy
  trusted = $web.TrustedForDelegation
  uac = $web.userAccountControl
  appInfo = $app.info
  appLocation = $app.Location
  storedLocation = $stored.attributes.location
  storedUac = $stored.attributes.userAccountControl
}`)) as [Record<string, unknown>];
    assert.deepEqual(r, {
      saDisplay: 'App pool (prod)',
      groupDisplay: 'Web administrators',
      location: 'Building 2',
      managedBy: HELPDESK,
      trusted: true,
      uac: 0x1000 | 0x80000,
      appInfo: null,
      appLocation: 'Rack 7',
      storedLocation: 'Building 2',
      storedUac: 0x1000 | 0x80000,
    });
  });

  it('a change that is undone leaves lab-state.json byte-identical (class-default flags are not stored)', async () => {
    const [same, trusted] = await run(`
$file = Join-Path (Get-LabContext).LabDir 'lab-state.json'
$before = Get-Content -Raw $file
Set-ADAccountControl 'WS01' -TrustedForDelegation $true
Set-ADComputer 'WS01' -Location 'Desk 12' -Replace @{ info = 'temporary' }
Set-ADAccountControl 'WS01' -TrustedForDelegation $false
Set-ADComputer 'WS01' -Location $null -Clear info
(Get-Content -Raw $file) -eq $before
(Get-ADComputer 'WS01' -Properties TrustedForDelegation).TrustedForDelegation`);
    assert.equal(same, true);
    assert.equal(trusted, false);
  });

  it("New-ADGroup and New-ADComputer -Instance take the template object's properties", async () => {
    const [r] = (await run(`
$t = Get-ADGroup 'Domain Admins' -Properties Description
$t.Description = 'from the template'
New-ADGroup -Instance $t -Name 'Template Copy' -GroupScope Universal
$c = Get-ADComputer 'WEB01' -Properties Location
$c.Location = 'Rack 9'
New-ADComputer -Instance $c -Name 'WEB02'
[ordered]@{ group = (Get-ADGroup 'Template Copy' -Properties Description).Description; computer = (Get-ADComputer 'WEB02' -Properties Location).Location }`)) as [
      Record<string, unknown>,
    ];
    assert.deepEqual(r, { group: 'from the template', computer: 'Rack 9' });
  });

  it('an attribute the schema does not define is 8204; one the class may not hold is 8212', async () => {
    const undefinedAttr = await fail(`Set-ADComputer 'WEB01' -Replace @{ notAnAttribute = 'x' }`);
    assert.equal(undefinedAttr.fqid, `ActiveDirectoryServer:8204,${cls('Set-ADComputer')}`);
    const wrongClass = await fail(`Set-ADGroup 'Domain Admins' -Replace @{ location = 'x' }`);
    assert.equal(wrongClass.fqid, `ActiveDirectoryServer:8212,${cls('Set-ADGroup')}`);
  });
});

describe('AD writes: output objects take assignments and -Instance writes what changed', () => {
  const { run } = lab('healthy');

  it('assigning a loaded property and one the object did not load, then Set-ADComputer -Instance', async () => {
    const [r] = (await run(`
$obj = Get-ADComputer 'WEB01' -Properties Location
Set-ADComputer 'WEB01' -Description 'changed meanwhile'
$obj.Location = 'Rack 4'
$obj.info = 'added by the script'
Set-ADComputer -Instance $obj
$user = Get-ADUser 'helpdesk'
$user.Title = 'Lead'
$user.DisplayName = 'Help Desk'
Set-ADUser -Instance $user
$after = Get-ADComputer 'WEB01' -Properties Location, info, Description
$u = Get-ADUser 'helpdesk' -Properties Title, DisplayName
[ordered]@{ location = $after.Location; info = $after.info; description = $after.Description; title = $u.Title; display = $u.DisplayName }`)) as [
      Record<string, unknown>,
    ];
    // Description was not changed on $obj: -Instance does not write it back over the newer value.
    assert.deepEqual(r, {
      location: 'Rack 4',
      info: 'added by the script',
      description: 'changed meanwhile',
      title: 'Lead',
      display: 'Help Desk',
    });
  });
});

describe('AD writes: -Instance values as scripts assign them', () => {
  const { run } = lab('healthy');

  it('encryption types by name, an SPN list; a property the directory computes is system-owned (8369)', async () => {
    const [r] = (await run(`
$c = Get-ADComputer 'APP01' -Properties KerberosEncryptionType, ServicePrincipalNames
$c.KerberosEncryptionType = 'AES128, AES256'
$c.ServicePrincipalNames = @('HOST/app01-alias.contoso.com')
Set-ADComputer -Instance $c
$after = Get-ADComputer 'APP01' -Properties KerberosEncryptionType, ServicePrincipalNames
$computed = Get-ADComputer 'APP01'
$computed.Created = Get-Date
[ordered]@{
  enc = $after.KerberosEncryptionType.ToString()
  spns = @($after.ServicePrincipalNames)
  computed = try { Set-ADComputer -Instance $computed; 'written' } catch { $_.FullyQualifiedErrorId }
}`)) as [Record<string, unknown>];
    assert.deepEqual(r, {
      enc: 'AES128, AES256',
      spns: ['HOST/app01-alias.contoso.com'],
      computed: `ActiveDirectoryServer:8369,${cls('Set-ADComputer')}`,
    });
  });
});

describe('AD writes: Set-ADGroup, Set-ADObject, Set-ADUser, Set-ADAccountControl, New-ADComputer, Remove-ADObject', () => {
  const { run, fail } = lab('healthy');

  it('members given as <SID=...> and <GUID=...>; Set-ADGroup named properties; -WhatIf and -PassThru', async () => {
    const [r] = (await run(`
$appSid = (Get-ADComputer 'APP01').SID.Value
$webGuid = (Get-ADComputer 'WEB01').ObjectGUID
New-ADGroup -Name 'Pool Hosts' -GroupScope Global -OtherAttributes @{ member = "<SID=$appSid>" }
Set-ADGroup 'Pool Hosts' -Add @{ member = "<GUID=$webGuid>" } -Description 'hosts of the pool' -ManagedBy 'helpdesk'
Set-ADGroup 'Pool Hosts' -Description 'not written' -WhatIf
$passThru = Set-ADGroup 'Pool Hosts' -Replace @{ info = 'x' } -PassThru
Set-ADObject "CN=Pool Hosts,CN=Users,${BASE}" -Remove @{ member = "<SID=$appSid>" }
$g = Get-ADGroup 'Pool Hosts' -Properties member, Description, ManagedBy, info
[ordered]@{ members = @($g.member); description = $g.Description; managedBy = $g.ManagedBy; info = $g.info; passThru = $passThru.GetType().Name }`)) as [
      Record<string, unknown>,
    ];
    assert.deepEqual(r, {
      members: [WEB01],
      description: 'hosts of the pool',
      managedBy: HELPDESK,
      info: 'x',
      passThru: 'ADGroup',
    });
  });

  it('Set-ADGroup -GroupScope converts as AD allows: global to domain local only through universal', async () => {
    const [r] = (await run(`
New-ADGroup -Name 'Scope Test' -GroupScope Global
$direct = try { Set-ADGroup 'Scope Test' -GroupScope DomainLocal; 'converted' } catch { $_.FullyQualifiedErrorId }
Set-ADGroup 'Scope Test' -GroupScope Universal
Set-ADGroup 'Scope Test' -GroupScope DomainLocal
[ordered]@{ direct = $direct; scope = (Get-ADGroup 'Scope Test').GroupScope.ToString() }`)) as [
      Record<string, unknown>,
    ];
    assert.deepEqual(r, { direct: `ActiveDirectoryServer:8245,${cls('Set-ADGroup')}`, scope: 'DomainLocal' });
  });

  it('Set-ADAccountControl and Set-ADUser write userAccountControl; an unmodelled parameter is a clear error', async () => {
    const [r] = (await run(`
Set-ADAccountControl 'helpdesk' -PasswordNeverExpires $true -AccountNotDelegated $true
Set-ADUser 'helpdesk' -Enabled $false -Office 'HQ'
$u = Get-ADUser 'helpdesk' -Properties PasswordNeverExpires, AccountNotDelegated, userAccountControl, Office
[ordered]@{ pne = $u.PasswordNeverExpires; and = $u.AccountNotDelegated; enabled = $u.Enabled; uac = $u.userAccountControl; office = $u.Office }`)) as [
      Record<string, unknown>,
    ];
    assert.deepEqual(r, { pne: true, and: true, enabled: false, uac: 0x200 | 0x2 | 0x10000 | 0x100000, office: 'HQ' });
    const unsupported = await fail(`Set-ADUser 'helpdesk' -CannotChangePassword $true`);
    assert.equal(unsupported.fqid, `ActiveDirectoryCmdlet:System.NotSupportedException,${cls('Set-ADUser')}`);
    assert.match(unsupported.message, /Practice mode does not model -CannotChangePassword/);
  });

  it('New-ADComputer creates the account; Remove-ADObject needs -Recursive for a parent and refuses a protected OU', async () => {
    const [r] = (await run(`
$c = New-ADComputer -Name 'KIOSK01' -Location 'Lobby' -DNSHostName 'kiosk01.contoso.com' -PassThru
New-ADGroup -Name 'Kiosks' -GroupScope Global -Path "OU=Servers,${BASE}"
Add-ADGroupMember 'Kiosks' -Members 'KIOSK01$'
$leaf = try { Remove-ADObject "CN=Computers,${BASE}" -Confirm:$false; 'removed' } catch { $_.FullyQualifiedErrorId }
$protected = try { Remove-ADObject "OU=Servers,${BASE}" -Recursive -Confirm:$false; 'removed' } catch { $_.FullyQualifiedErrorId }
$k = Get-ADComputer 'KIOSK01' -Properties Location, userAccountControl
$before = [ordered]@{ sam = $c.SamAccountName; dn = $c.DistinguishedName; location = $k.Location; uac = $k.userAccountControl; leaf = $leaf; protected = $protected }
Remove-ADObject "CN=Computers,${BASE}" -Recursive -Confirm:$false
$before.gone = @(Get-ADComputer -Filter "Name -eq 'KIOSK01' -or Name -eq 'WS01'").Count
$before.kiosks = @((Get-ADGroup 'Kiosks' -Properties member).member).Count
$before.servers = @(Get-ADComputer -SearchBase "OU=Servers,${BASE}" -Filter *).Count
$before`)) as [Record<string, unknown>];
    assert.deepEqual(r, {
      sam: 'KIOSK01$',
      dn: `CN=KIOSK01,CN=Computers,${BASE}`,
      location: 'Lobby',
      uac: 0x1000,
      leaf: `ActiveDirectoryServer:8213,${cls('Remove-ADObject')}`,
      protected: `ActiveDirectoryCmdlet:System.UnauthorizedAccessException,${cls('Remove-ADObject')}`,
      gone: 0,
      kiosks: 0,
      servers: 2,
    });
  });
});

describe('AD writes: rights and replication', () => {
  const notAdmin = lab('not-admin');
  const multiDc = lab('multi-dc-replication');

  it('the new writes need Domain Admin rights (8344)', async () => {
    const [ids] = (await notAdmin.run(`
$writes = [ordered]@{
  'New-ADComputer' = { New-ADComputer -Name 'NO01' }
  'Set-ADGroup' = { Set-ADGroup 'Domain Admins' -Description 'x' }
  'Set-ADObject' = { Set-ADObject "${WEB01}" -Replace @{ info = 'x' } }
  'Set-ADUser' = { Set-ADUser 'helpdesk' -Title 'x' }
  'Set-ADAccountControl' = { Set-ADAccountControl 'helpdesk' -PasswordNeverExpires $true }
  'Remove-ADObject' = { Remove-ADObject "${APP01}" -Confirm:$false }
}
$result = [ordered]@{}
foreach ($k in $writes.Keys) { $result[$k] = try { & $writes[$k]; 'written' } catch { $_.FullyQualifiedErrorId } }
$result`)) as [Record<string, string>];
    for (const [name, id] of Object.entries(ids)) assert.equal(id, `ActiveDirectoryServer:8344,${cls(name)}`, name);
    assert.equal(Object.keys(ids).length, 6);
  });

  it('New-ADComputer writes on the DC in use; the other DC sees it only after replication', async () => {
    const [r] = (await multiDc.run(`
New-ADComputer -Name 'EDGE01'
[ordered]@{
  here = (Get-ADComputer 'EDGE01').Name
  there = try { (Get-ADComputer 'EDGE01' -Server 'DC01').Name } catch { $_.CategoryInfo.Category.ToString() }
}`)) as [Record<string, unknown>];
    assert.deepEqual(r, { here: 'EDGE01', there: 'ObjectNotFound' });
  });
});

describe('AD writes: objects look like Windows', () => {
  const { run } = lab('healthy');

  it('no Identity property; a type-converted identity still binds', async () => {
    const [r] = (await run(`
$g = Get-ADGroup 'Domain Admins'
[ordered]@{
  identityProperty = $null -ne $g.PSObject.Properties['Identity']
  members = @(Get-ADGroupMember -Identity ([Microsoft.ActiveDirectory.Management.ADGroup]'Domain Admins') | ForEach-Object { $_.name })
  byObject = (Get-ADGroup -Identity $g).Name
  text = "$g"
  listed = @($g | Select-Object * | ForEach-Object { $_.PSObject.Properties.Name }) -contains 'Identity'
}`)) as [Record<string, unknown>];
    assert.deepEqual(r, {
      identityProperty: false,
      members: ['Administrator'],
      byObject: 'Domain Admins',
      text: `CN=Domain Admins,CN=Users,${BASE}`,
      listed: false,
    });
  });
});
