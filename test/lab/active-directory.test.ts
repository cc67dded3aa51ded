// The lab ActiveDirectory module against real pwsh: the objects, defaults and errors (type, FullyQualifiedErrorId,
// category, HResult) of Microsoft's cmdlets, and the domain semantics the wizard relies on: KDS root keys per DC,
// replication delay, the 15-character sAMAccountName limit, sMSA links, gMSA password access through the computer's
// CURRENT Kerberos ticket, matching encryption types, and Domain Admin rights for every write.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PsErrorInfo } from '../../electron/common/powershell/envelope.js';
import { classifyErrorInfo, PsErrorKind } from '../../electron/common/powershell/errors.js';
import { sharedLabSession } from '../helpers/lab.js';
import { trusted } from '../helpers/pwsh.js';

const BASE = 'DC=contoso,DC=com';
const DOMAIN_SID = 'S-1-5-21-1004336348-1177238915-682003330';
const MSA_CONTAINER = `CN=Managed Service Accounts,${BASE}`;
const WEB01 = `CN=WEB01,OU=Servers,${BASE}`;
const NEW_SA = 'Microsoft.ActiveDirectory.Management.Commands.NewADServiceAccount';
const NOT_FOUND = 'Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException';
const INSTALL_FAILED =
  'InstallADServiceAccount:PerformOperation:InstallServiceAcccountFailure,Microsoft.ActiveDirectory.Management.Commands.InstallADServiceAccount';
const testFailed = (name: string): string =>
  `Test failed for Managed Service Account ${name}. If standalone Managed Service Account, the account is linked to another computer object in the Active Directory. If group Managed Service Account, either this computer does not have permission to use the group MSA password or this computer does not support all the Kerberos encryption types required for the gMSA. See the MSA operational log for more information.`;

/** Refreshes WEB01's Kerberos ticket (what klist purge -li 0x3e7 does): its ticket groups = its current groups. */
const REFRESH_WEB01_TICKET = `Update-LabState -Script { param($state)
  $web = Find-LabAdObject -State $state -Identity 'WEB01' -Class 'computer'
  $state.hosts.WEB01.ticketGroups = Get-LabGroupsOf -State $state -Dn $web.distinguishedName }`;

interface Expected {
  fqid: string;
  type: string;
  category: string;
  kind: PsErrorKind;
  message?: string | RegExp;
  hresult?: number;
}

/** A fresh lab from a scenario, bound to the file's one session for the describe block that calls this. */
const bindLab = sharedLabSession();
function useLab(scenario: string) {
  const lab = bindLab(scenario);
  const { fail } = lab;
  const expectError = async (code: string, expected: Expected): Promise<PsErrorInfo> => {
    const error = await fail(code);
    assert.equal(error.fqid, expected.fqid);
    assert.equal(error.type, expected.type);
    assert.equal(error.category, expected.category);
    assert.equal(classifyErrorInfo(error), expected.kind);
    if (typeof expected.message === 'string') assert.equal(error.message, expected.message);
    if (expected.message instanceof RegExp) assert.match(error.message, expected.message);
    if (expected.hresult !== undefined) assert.equal(error.hresult, expected.hresult);
    return error;
  };
  return { ...lab, expectError };
}

const keyDoesNotExist: Expected = {
  fqid: `ActiveDirectoryServer:-2146893811,${NEW_SA}`,
  type: 'Microsoft.ActiveDirectory.Management.ADException',
  category: 'NotSpecified',
  kind: PsErrorKind.KdsRootKeyMissing,
  message: 'Key does not exist',
  hresult: -2146893811,
};

describe('ActiveDirectory lab module, healthy domain', () => {
  const lab = useLab('healthy');

  describe('New-ADServiceAccount', () => {
    it('creates a gMSA with the real defaults, on the DC used, and -PassThru returns an ADServiceAccount with the default property set', async () => {
      const [r] = (await lab.run(`
$sa = New-ADServiceAccount -Name 'gmsa-web' -DNSHostName 'gmsa-web.contoso.com' -PrincipalsAllowedToRetrieveManagedPassword 'WEB01$' -ServicePrincipalNames 'HTTP/web.contoso.com' -Description 'Web pool' -PassThru
$full = Get-ADServiceAccount -Identity 'gmsa-web$' -Properties *
$stored = (Get-LabState).objects | Where-Object { $_.name -eq 'gmsa-web' }
[ordered]@{
  type = $sa.GetType().FullName
  notes = @($sa.PSObject.Properties | Where-Object { $_.MemberType -eq 'Property' } | ForEach-Object { $_.Name })
  dn = $sa.DistinguishedName; sam = $sa.SamAccountName; objectClass = $sa.ObjectClass; enabled = $sa.Enabled
  sid = $sa.SID.Value; guidType = $sa.ObjectGUID.GetType().Name
  enc = [string]$full.KerberosEncryptionType; encType = $full.KerberosEncryptionType.GetType().FullName
  encValue = $full.'msDS-SupportedEncryptionTypes'; interval = $full.ManagedPasswordIntervalInDays
  allowed = @($full.PrincipalsAllowedToRetrieveManagedPassword); spns = @($full.ServicePrincipalNames)
  dns = $full.DNSHostName; description = $full.Description
  ageSeconds = [math]::Abs(((Get-LabNow) - $full.Created).TotalSeconds)
  onlyOn = @($stored.onlyOn)
}`)) as [Record<string, unknown>];
      assert.equal(r.type, 'Microsoft.ActiveDirectory.Management.ADServiceAccount');
      assert.deepEqual(r.notes, [
        'DistinguishedName',
        'Enabled',
        'Name',
        'ObjectClass',
        'ObjectGUID',
        'SamAccountName',
        'SID',
        'UserPrincipalName',
      ]);
      assert.equal(r.dn, `CN=gmsa-web,${MSA_CONTAINER}`);
      assert.equal(r.sam, 'gmsa-web$');
      assert.equal(r.objectClass, 'msDS-GroupManagedServiceAccount');
      assert.equal(r.enabled, true);
      assert.equal(r.sid, `${DOMAIN_SID}-1106`, 'domain SID + (highest RID in use, 1105) + 1');
      assert.equal(r.guidType, 'Guid');
      assert.equal(r.enc, 'RC4, AES128, AES256');
      assert.equal(r.encType, 'Microsoft.ActiveDirectory.Management.ADKerberosEncryptionType');
      assert.equal(r.encValue, 0x1c);
      assert.equal(r.interval, 30);
      assert.deepEqual(r.allowed, [WEB01]);
      assert.deepEqual(r.spns, ['HTTP/web.contoso.com']);
      assert.equal(r.dns, 'gmsa-web.contoso.com');
      assert.equal(r.description, 'Web pool');
      assert.ok((r.ageSeconds as number) < 120);
      assert.deepEqual(r.onlyOn, ['DC01']);
    });

    it('refuses a sAMAccountName over 15 characters (without the $) with the real ArgumentException; 15 is fine', async () => {
      await lab.expectError(`New-ADServiceAccount -Name 'gsvc-Automation-DNS' -DNSHostName 'x.contoso.com'`, {
        fqid: `ActiveDirectoryCmdlet:System.ArgumentException,${NEW_SA}`,
        type: 'System.ArgumentException',
        category: 'InvalidArgument',
        kind: PsErrorKind.NameTooLong,
        message:
          "The service account has a samAccountName attribute of 'gsvc-Automation-DNS' which is too long; the samAccountName attribute must not be longer than 15 characters",
      });
      const sams = await lab.run(`
(New-ADServiceAccount -Name 'abcdefghijklmno' -DNSHostName 'a.contoso.com' -PassThru).SamAccountName
(New-ADServiceAccount -Name 'gsvc-Automation-DNS' -SamAccountName 'gsvc-auto-dns$' -DNSHostName 'b.contoso.com' -PassThru).SamAccountName`);
      assert.deepEqual(sams, ['abcdefghijklmno$', 'gsvc-auto-dns$']);
    });

    it('refuses names with characters sAMAccountName does not allow (1315)', async () => {
      const ids = await lab.run(`
foreach ($n in @('svc/web', 'svc\\web', 'svc[1]', 'a:b;c', 'p|q=r', 'c,d+e', 'st*r?', 'l<t>', 'at@home', 'say"hi', ' lead', 'trail ', 'dot.')) {
  try { New-ADServiceAccount -Name $n -DNSHostName 'x.contoso.com'; "created $n" } catch { $_.FullyQualifiedErrorId }
}`);
      assert.equal(ids.length, 13);
      for (const id of ids) assert.equal(id, `ActiveDirectoryServer:1315,${NEW_SA}`);
      const error = await lab.expectError(`New-ADServiceAccount -Name 'svc/web' -DNSHostName 'x.contoso.com'`, {
        fqid: `ActiveDirectoryServer:1315,${NEW_SA}`,
        type: 'Microsoft.ActiveDirectory.Management.ADException',
        category: 'NotSpecified',
        kind: PsErrorKind.InvalidName,
        message: 'The name provided is not a properly formed account name',
      });
      assert.equal(error.hresult, 1315);
    });

    it('refuses a sAMAccountName in use anywhere in the domain (1316) and a CN in use in the container (8305)', async () => {
      // A gMSA named like a computer: WEB01$ is the computer's sAMAccountName.
      await lab.expectError(
        `New-ADServiceAccount -Name 'WEB01' -Path 'OU=Servers,${BASE}' -DNSHostName 'web01.contoso.com'`,
        {
          fqid: `ActiveDirectoryServer:1316,${NEW_SA}`,
          type: 'Microsoft.ActiveDirectory.Management.ADIdentityAlreadyExistsException',
          category: 'ResourceExists',
          kind: PsErrorKind.AlreadyExists,
          message: 'The specified account already exists',
          hresult: 1316,
        },
      );
      await lab.run(`New-ADServiceAccount -Name 'gmsa-dup' -DNSHostName 'dup.contoso.com'`);
      await lab.expectError(
        `New-ADServiceAccount -Name 'gmsa-dup' -SamAccountName 'gmsa-dup2' -DNSHostName 'dup.contoso.com'`,
        {
          fqid: `ActiveDirectoryServer:8305,${NEW_SA}`,
          type: 'Microsoft.ActiveDirectory.Management.ADException',
          category: 'NotSpecified',
          kind: PsErrorKind.AlreadyExists,
          message: 'The object already exists',
          hresult: 8305,
        },
      );
    });

    it('needs an existing -Path, known principals, and -DNSHostName in the Group (gMSA) set', async () => {
      await lab.expectError(`New-ADServiceAccount -Name 'p1' -Path 'OU=Nope,${BASE}' -DNSHostName 'p1.contoso.com'`, {
        fqid: `ActiveDirectoryCmdlet:${NOT_FOUND},${NEW_SA}`,
        type: NOT_FOUND,
        category: 'ObjectNotFound',
        kind: PsErrorKind.NotFound,
        message: 'Directory object not found',
      });
      await lab.expectError(
        `New-ADServiceAccount -Name 'p2' -DNSHostName 'p2.contoso.com' -PrincipalsAllowedToRetrieveManagedPassword 'NOPE$'`,
        {
          fqid: `ActiveDirectoryCmdlet:${NOT_FOUND},${NEW_SA}`,
          type: NOT_FOUND,
          category: 'ObjectNotFound',
          kind: PsErrorKind.NotFound,
          message: `Cannot find an object with identity: 'NOPE$' under: '${BASE}'.`,
        },
      );
      const missing = await lab.fail(`New-ADServiceAccount -Name 'p3'`);
      assert.equal(missing.fqid, 'MissingMandatoryParameter,New-ADServiceAccount');
      assert.equal(classifyErrorInfo(missing), PsErrorKind.BadParameter);
      assert.deepEqual(await lab.run(`@(Get-ADServiceAccount -Filter "Name -like 'p*'").Count`), [0]);
    });

    it('-WhatIf creates nothing', async () => {
      const envelope = await lab.session.invoke(
        trusted(`New-ADServiceAccount -Name 'gmsa-whatif' -DNSHostName 'w.contoso.com' -WhatIf
@(Get-ADServiceAccount -Filter "Name -eq 'gmsa-whatif'").Count`),
      );
      assert.equal(envelope.ok, true);
      assert.deepEqual(envelope.data, [0]);
    });

    it('-RestrictToSingleComputer makes an sMSA; -CreateDelegatedServiceAccount needs the Windows2025Domain level', async () => {
      const [r] = (await lab.run(`
$s = New-ADServiceAccount -Name 'smsa-new' -RestrictToSingleComputer -PassThru
$f = Get-ADServiceAccount 'smsa-new' -Properties ManagedPasswordIntervalInDays, KerberosEncryptionType
[ordered]@{ cls = $s.ObjectClass; dn = $s.DistinguishedName; interval = $f.ManagedPasswordIntervalInDays; enc = [string]$f.KerberosEncryptionType }`)) as [
        Record<string, unknown>,
      ];
      assert.deepEqual(r, {
        cls: 'msDS-ManagedServiceAccount',
        dn: `CN=smsa-new,${MSA_CONTAINER}`,
        interval: null,
        enc: 'RC4, AES128, AES256',
      });
      await lab.expectError(
        `New-ADServiceAccount -Name 'dmsa-early' -DNSHostName 'd.contoso.com' -CreateDelegatedServiceAccount`,
        {
          fqid: `ActiveDirectoryServer:50,${NEW_SA}`,
          type: 'Microsoft.ActiveDirectory.Management.ADException',
          category: 'NotSpecified',
          kind: PsErrorKind.Unknown,
          message: 'The request is not supported.',
        },
      );
    });
  });

  describe('Set-ADServiceAccount', () => {
    it('replaces the allowed principals and sets encryption types, SPNs (@{Add;Remove;Replace}), description, DNS name and Enabled', async () => {
      const [r] = (await lab.run(`
New-ADServiceAccount -Name 'gmsa-set' -DNSHostName 'set.contoso.com' -PrincipalsAllowedToRetrieveManagedPassword 'WEB01$' -ServicePrincipalNames 'HTTP/a'
Set-ADServiceAccount 'gmsa-set' -PrincipalsAllowedToRetrieveManagedPassword 'APP01$', 'Domain Computers' -KerberosEncryptionType AES128, AES256 -Description 'changed' -DNSHostName 'set2.contoso.com' -Enabled $false
Set-ADServiceAccount 'gmsa-set' -ServicePrincipalNames @{ Add = 'HTTP/b', 'HTTP/c' }
Set-ADServiceAccount 'gmsa-set' -ServicePrincipalNames @{ Remove = 'HTTP/a' }
$afterRemove = @((Get-ADServiceAccount 'gmsa-set' -Properties ServicePrincipalNames).ServicePrincipalNames)
Set-ADServiceAccount 'gmsa-set' -ServicePrincipalNames @{ Replace = 'HTTP/z' }
$f = Get-ADServiceAccount 'gmsa-set' -Properties *
[ordered]@{
  allowed = @($f.PrincipalsAllowedToRetrieveManagedPassword); enc = [string]$f.KerberosEncryptionType; encValue = $f.'msDS-SupportedEncryptionTypes'
  afterRemove = $afterRemove; spns = @($f.ServicePrincipalNames); description = $f.Description; dns = $f.DNSHostName; enabled = $f.Enabled
}`)) as [Record<string, unknown>];
      assert.deepEqual(r, {
        allowed: [`CN=APP01,OU=Servers,${BASE}`, `CN=Domain Computers,CN=Users,${BASE}`],
        enc: 'AES128, AES256',
        encValue: 24,
        afterRemove: ['HTTP/b', 'HTTP/c'],
        spns: ['HTTP/z'],
        description: 'changed',
        dns: 'set2.contoso.com',
        enabled: false,
      });
    });

    it('ManagedPasswordIntervalInDays is set at creation only: changing it later fails (8369)', async () => {
      await lab.run(
        `New-ADServiceAccount -Name 'gmsa-int' -DNSHostName 'int.contoso.com' -ManagedPasswordIntervalInDays 60`,
      );
      const owned = {
        fqid: 'ActiveDirectoryServer:8369,Microsoft.ActiveDirectory.Management.Commands.SetADServiceAccount',
        type: 'Microsoft.ActiveDirectory.Management.ADException',
        category: 'NotSpecified',
        kind: PsErrorKind.Unknown,
        message: 'The attribute cannot be modified because it is owned by the system.',
      };
      await lab.expectError(`Set-ADServiceAccount 'gmsa-int' -Replace @{ 'msDS-ManagedPasswordInterval' = 30 }`, owned);
      await lab.expectError(
        `$i = Get-ADServiceAccount 'gmsa-int' -Properties ManagedPasswordIntervalInDays; $i.ManagedPasswordIntervalInDays = 10; Set-ADServiceAccount -Instance $i`,
        owned,
      );
      assert.deepEqual(
        await lab.run(
          `(Get-ADServiceAccount 'gmsa-int' -Properties ManagedPasswordIntervalInDays).ManagedPasswordIntervalInDays`,
        ),
        [60],
      );
    });

    it('-ServicePrincipalNames is a hashtable, as on Windows: a plain list fails binding; an SPN another account has is refused (8647)', async () => {
      const bad = await lab.fail(`Set-ADServiceAccount 'gmsa-set' -ServicePrincipalNames @('HTTP/plain')`);
      assert.equal(bad.fqid, 'ParameterArgumentTransformationError,Set-ADServiceAccount');
      await lab.expectError(
        `Set-ADServiceAccount 'gmsa-set' -ServicePrincipalNames @{ Add = 'HTTP/web.contoso.com' }`,
        {
          fqid: 'ActiveDirectoryServer:8647,Microsoft.ActiveDirectory.Management.Commands.SetADServiceAccount',
          type: 'Microsoft.ActiveDirectory.Management.ADException',
          category: 'NotSpecified',
          kind: PsErrorKind.Unknown,
          message:
            'The operation failed because SPN value provided for addition/modification is not unique forest-wide.',
        },
      );
    });
  });

  describe('groups', () => {
    it('New-ADGroup: Security in CN=Users by default, -Path, -SamAccountName; a second group with the same name is refused (1318)', async () => {
      const [r] = (await lab.run(`
$a = New-ADGroup -Name 'App Admins' -GroupScope DomainLocal -Description 'x' -PassThru
$b = New-ADGroup -Name 'gMSA-Web-Hosts' -SamAccountName 'gmsa-web-hosts' -GroupScope Global -Path 'OU=Service Groups,${BASE}' -PassThru
[ordered]@{ type = $a.GetType().FullName; dn = $a.DistinguishedName; cat = [string]$a.GroupCategory; scope = [string]$a.GroupScope; sam = $a.SamAccountName
  dnB = $b.DistinguishedName; samB = $b.SamAccountName; scopeB = [string]$b.GroupScope; description = (Get-ADGroup 'App Admins' -Properties Description).Description }`)) as [
        Record<string, unknown>,
      ];
      assert.deepEqual(r, {
        type: 'Microsoft.ActiveDirectory.Management.ADGroup',
        dn: `CN=App Admins,CN=Users,${BASE}`,
        cat: 'Security',
        scope: 'DomainLocal',
        sam: 'App Admins',
        dnB: `CN=gMSA-Web-Hosts,OU=Service Groups,${BASE}`,
        samB: 'gmsa-web-hosts',
        scopeB: 'Global',
        description: 'x',
      });
      await lab.expectError(`New-ADGroup -Name 'App Admins' -GroupScope Global -Path 'OU=Servers,${BASE}'`, {
        fqid: 'ActiveDirectoryServer:1318,Microsoft.ActiveDirectory.Management.Commands.NewADGroup',
        type: 'Microsoft.ActiveDirectory.Management.ADIdentityAlreadyExistsException',
        category: 'ResourceExists',
        kind: PsErrorKind.AlreadyExists,
        message: 'The specified group already exists',
      });
    });

    it('members by WEB01$, name or DN; Get-ADGroupMember (-Recursive) and Get-ADPrincipalGroupMembership; the ticket is not refreshed', async () => {
      const [r] = (await lab.run(`
New-ADGroup -Name 'Web Hosts' -GroupScope Global
New-ADGroup -Name 'All Hosts' -GroupScope Global
Add-ADGroupMember -Identity 'Web Hosts' -Members 'WEB01$', 'APP01', 'CN=WS01,CN=Computers,${BASE}'
Add-ADGroupMember -Identity 'All Hosts' -Members 'Web Hosts', 'helpdesk'
Add-ADGroupMember -Identity 'Web Hosts' -Members 'WEB01$'
$m = @(Get-ADGroupMember 'All Hosts')
[ordered]@{
  direct = @($m | ForEach-Object { $_.name }); memberType = $m[0].GetType().FullName
  memberNotes = @($m[0].PSObject.Properties | Where-Object { $_.MemberType -eq 'Property' } | ForEach-Object { $_.Name })
  recursive = @(Get-ADGroupMember 'All Hosts' -Recursive | ForEach-Object { $_.SamAccountName })
  groupsOfWeb = @(Get-ADPrincipalGroupMembership 'WEB01$' | ForEach-Object { $_.Name } | Sort-Object)
  ticket = @((Get-LabState).hosts.WEB01.ticketGroups)
}`)) as [Record<string, unknown>];
      assert.deepEqual(r, {
        direct: ['Web Hosts', 'helpdesk'],
        memberType: 'Microsoft.ActiveDirectory.Management.ADPrincipal',
        memberNotes: ['distinguishedName', 'name', 'objectClass', 'objectGUID', 'SamAccountName', 'SID'],
        recursive: ['helpdesk', 'WEB01$', 'APP01$', 'WS01$'],
        groupsOfWeb: ['Domain Computers', 'Web Hosts'],
        ticket: [`CN=Domain Computers,CN=Users,${BASE}`],
      });
    });

    it('Remove-ADGroupMember honours -WhatIf and removes with -Confirm:$false; Remove-ADGroup deletes the group and its memberships', async () => {
      const counts = await lab.run(`
New-ADGroup -Name 'Temp Hosts' -GroupScope Global
Add-ADGroupMember 'Temp Hosts' -Members 'WEB01$', 'APP01$'
New-ADGroup -Name 'Temp Outer' -GroupScope Global
Add-ADGroupMember 'Temp Outer' -Members 'Temp Hosts'
Remove-ADGroupMember 'Temp Hosts' -Members 'WEB01$' -WhatIf
@(Get-ADGroupMember 'Temp Hosts').Count
Remove-ADGroupMember 'Temp Hosts' -Members 'WEB01$' -Confirm:$false
@(Get-ADGroupMember 'Temp Hosts').Count
Remove-ADGroup 'Temp Hosts' -Confirm:$false
@(Get-ADGroup -Filter "Name -eq 'Temp Hosts'").Count
@(Get-ADGroupMember 'Temp Outer').Count`);
      assert.deepEqual(counts, [2, 1, 0, 0]);
      await lab.expectError(`Remove-ADGroup 'Temp Hosts' -Confirm:$false`, {
        fqid: `ActiveDirectoryCmdlet:${NOT_FOUND},Microsoft.ActiveDirectory.Management.Commands.RemoveADGroup`,
        type: NOT_FOUND,
        category: 'ObjectNotFound',
        kind: PsErrorKind.NotFound,
        message: `Cannot find an object with identity: 'Temp Hosts' under: '${BASE}'.`,
      });
    });
  });

  describe('sMSA links', () => {
    it('Add-ADComputerServiceAccount links computer and sMSA both ways, only to one computer; Remove-ADComputerServiceAccount unlinks', async () => {
      const [r] = (await lab.run(`
New-ADServiceAccount -Name 'smsa-link' -RestrictToSingleComputer
Add-ADComputerServiceAccount -Identity 'WEB01' -ServiceAccount 'smsa-link'
$linked = [ordered]@{
  computer = @((Get-ADComputer 'WEB01' -Properties ServiceAccount).ServiceAccount)
  msa = @((Get-ADServiceAccount 'smsa-link' -Properties HostComputers).HostComputers)
  listed = @(Get-ADComputerServiceAccount 'WEB01' | ForEach-Object { $_.SamAccountName })
}
$second = try { Add-ADComputerServiceAccount -Identity 'APP01' -ServiceAccount 'smsa-link'; 'linked twice' } catch { $_.FullyQualifiedErrorId }
Remove-ADComputerServiceAccount -Identity 'WEB01' -ServiceAccount 'smsa-link' -Confirm:$false
[ordered]@{ linked = $linked; second = $second
  after = @((Get-ADServiceAccount 'smsa-link' -Properties HostComputers).HostComputers).Count + @(Get-ADComputerServiceAccount 'WEB01').Count }`)) as [
        Record<string, unknown>,
      ];
      assert.deepEqual(r.linked, {
        computer: [`CN=smsa-link,${MSA_CONTAINER}`],
        msa: [WEB01],
        listed: ['smsa-link$'],
      });
      assert.equal(
        r.second,
        'ActiveDirectoryCmdlet:Microsoft.ActiveDirectory.Management.ADException,Microsoft.ActiveDirectory.Management.Commands.AddADComputerServiceAccount',
      );
      assert.equal(r.after, 0);
    });
  });

  describe('Install-, Test-, Uninstall-ADServiceAccount on WEB01', () => {
    it('a gMSA WEB01 may use directly: Test is True without installing; Install records it once; Uninstall removes it', async () => {
      const envelope = await lab.session.invoke(
        trusted(`
New-ADServiceAccount -Name 'gmsa-direct' -DNSHostName 'direct.contoso.com' -PrincipalsAllowedToRetrieveManagedPassword 'WEB01$'
$t = Test-ADServiceAccount 'gmsa-direct'
Install-ADServiceAccount 'gmsa-direct'
Install-ADServiceAccount 'gmsa-direct'
$installed = @((Get-LabState).hosts.WEB01.installedAccounts)
Uninstall-ADServiceAccount 'gmsa-direct'
[ordered]@{ test = $t; testType = $t.GetType().FullName; installed = $installed; after = @((Get-LabState).hosts.WEB01.installedAccounts) }`),
      );
      assert.equal(envelope.ok, true, JSON.stringify(envelope.errors));
      assert.deepEqual(envelope.warnings, []);
      assert.deepEqual(envelope.data, [
        { test: true, testType: 'System.Boolean', installed: ['gmsa-direct$'], after: [] },
      ]);
    });

    it('through a group, the gMSA works only once the computer ticket has the group (klist purge), not right after Add-ADGroupMember', async () => {
      const stale = await lab.session.invoke(
        trusted(`
New-ADGroup -Name 'gMSA-Report-Hosts' -GroupScope Global -Path 'OU=Service Groups,${BASE}'
New-ADServiceAccount -Name 'svc-report' -DNSHostName 'svc-report.contoso.com' -PrincipalsAllowedToRetrieveManagedPassword 'gMSA-Report-Hosts'
Add-ADGroupMember -Identity 'gMSA-Report-Hosts' -Members 'WEB01$'
Test-ADServiceAccount -Identity 'svc-report'`),
      );
      assert.equal(stale.ok, true);
      assert.deepEqual(stale.data, [false]);
      assert.deepEqual(stale.warnings, [testFailed('svc-report')]);
      await lab.expectError(`Install-ADServiceAccount -Identity 'svc-report'`, {
        fqid: INSTALL_FAILED,
        type: 'Microsoft.ActiveDirectory.Management.ADException',
        category: 'WriteError',
        kind: PsErrorKind.InstallServiceAccountFailed,
        message:
          "Cannot install service account. Error Message: '{Access Denied}\nA process has requested access to an object, but has not been granted those access rights.'.",
      });
      const fresh = await lab.session.invoke(
        trusted(`${REFRESH_WEB01_TICKET}
Test-ADServiceAccount -Identity 'svc-report'
Install-ADServiceAccount -Identity 'svc-report'
@((Get-LabState).hosts.WEB01.installedAccounts) -contains 'svc-report$'`),
      );
      assert.equal(fresh.ok, true, JSON.stringify(fresh.errors));
      assert.deepEqual(fresh.data, [true, true]);
      assert.deepEqual(fresh.warnings, []);
    });

    it('an sMSA must be linked to this computer to install, and installed to test True; Reset-ADServiceAccountPassword is for linked sMSAs only', async () => {
      const unlinked = await lab.session.invoke(
        trusted(`New-ADServiceAccount -Name 'smsa-web' -RestrictToSingleComputer
Test-ADServiceAccount 'smsa-web'`),
      );
      assert.deepEqual(unlinked.data, [false]);
      assert.deepEqual(unlinked.warnings, [
        'The Managed Service Account smsa-web is not linked with any computer object in the directory.',
      ]);
      await lab.expectError(`Install-ADServiceAccount 'smsa-web'`, {
        fqid: INSTALL_FAILED,
        type: 'Microsoft.ActiveDirectory.Management.ADException',
        category: 'WriteError',
        kind: PsErrorKind.InstallServiceAccountFailed,
        message: "Cannot install service account. Error Message: 'An unspecified error has occurred'.",
      });
      const linked = await lab.session.invoke(
        trusted(`Add-ADComputerServiceAccount -Identity 'WEB01' -ServiceAccount 'smsa-web'
Test-ADServiceAccount 'smsa-web'
Install-ADServiceAccount 'smsa-web'
Test-ADServiceAccount 'smsa-web'
Reset-ADServiceAccountPassword 'smsa-web'
$set = ((Get-LabState).objects | Where-Object { $_.name -eq 'smsa-web' }).passwordLastSet
[math]::Abs(((Get-LabNow) - (Get-ADServiceAccount 'smsa-web' -Properties PasswordLastSet).PasswordLastSet).TotalSeconds) -lt 60 -and [bool]$set`),
      );
      assert.equal(linked.ok, true, JSON.stringify(linked.errors));
      assert.deepEqual(linked.data, [false, true, true]);
      assert.deepEqual(linked.warnings, [testFailed('smsa-web')], 'linked but not installed yet');
      const gmsaReset = await lab.fail(`Reset-ADServiceAccountPassword 'gmsa-direct'`);
      assert.equal(
        gmsaReset.fqid,
        'ResetADServiceAccountPassword:PerformOperation:ResetServiceAccountPasswordFailure,Microsoft.ActiveDirectory.Management.Commands.ResetADServiceAccountPassword',
      );
    });
  });

  describe('reads', () => {
    it('Get-ADDomain, Get-ADForest, Get-ADRootDSE and the schema version read the way admins read it', async () => {
      const [r] = (await lab.run(`
$d = Get-ADDomain; $f = Get-ADForest; $dse = Get-ADRootDSE
[ordered]@{
  domainType = $d.GetType().FullName; dnsRoot = $d.DNSRoot; netbios = $d.NetBIOSName; dn = $d.DistinguishedName
  mode = $d.DomainMode.GetType().FullName + '=' + $d.DomainMode; sid = $d.DomainSID.Value; pdc = $d.PDCEmulator; forest = $d.Forest
  replicas = @($d.ReplicaDirectoryServers)
  forestMode = [string]$f.ForestMode; root = $f.RootDomain; domains = @($f.Domains); schemaMaster = $f.SchemaMaster; naming = $f.DomainNamingMaster; gcs = @($f.GlobalCatalogs)
  schemaNc = $dse.schemaNamingContext; defaultNc = $dse.defaultNamingContext; dnsHostName = $dse.dnsHostName
  domainFunctionality = [string]$dse.domainFunctionality; forestFunctionality = [string]$dse.forestFunctionality
  timeIsLab = [math]::Abs(((Get-LabNow) - $dse.currentTime).TotalSeconds) -lt 60
  objectVersion = (Get-ADObject (Get-ADRootDSE).schemaNamingContext -Property objectVersion).objectVersion
}`)) as [Record<string, unknown>];
      assert.deepEqual(r, {
        domainType: 'Microsoft.ActiveDirectory.Management.ADDomain',
        dnsRoot: 'contoso.com',
        netbios: 'CONTOSO',
        dn: BASE,
        mode: 'Microsoft.ActiveDirectory.Management.ADDomainMode=Windows2016Domain',
        sid: DOMAIN_SID,
        pdc: 'DC01.contoso.com',
        forest: 'contoso.com',
        replicas: ['DC01.contoso.com'],
        forestMode: 'Windows2016Forest',
        root: 'contoso.com',
        domains: ['contoso.com'],
        schemaMaster: 'DC01.contoso.com',
        naming: 'DC01.contoso.com',
        gcs: ['DC01.contoso.com'],
        schemaNc: `CN=Schema,CN=Configuration,${BASE}`,
        defaultNc: BASE,
        dnsHostName: 'DC01.contoso.com',
        domainFunctionality: 'Windows2016Domain',
        forestFunctionality: 'Windows2016Forest',
        timeIsLab: true,
        objectVersion: 88,
      });
    });

    it('Get-ADDomainController -Discover, -Identity and -Filter', async () => {
      const [r] = (await lab.run(`
$dc = Get-ADDomainController -Discover -Service PrimaryDC
[ordered]@{
  type = $dc.GetType().FullName; hostName = @($dc.HostName); name = $dc.Name; os = $dc.OperatingSystem; osVersion = $dc.OperatingSystemVersion
  site = $dc.Site; ip = $dc.IPv4Address; gc = $dc.IsGlobalCatalog; domain = $dc.Domain; forest = $dc.Forest
  byId = (Get-ADDomainController -Identity 'DC01').HostName
  filtered = @(Get-ADDomainController -Filter "IsGlobalCatalog -eq \`$true -and Site -like 'Default*'" | ForEach-Object { $_.Name })
  none = @(Get-ADDomainController -Filter { OperatingSystem -like '*2008*' }).Count
}`)) as [Record<string, unknown>];
      assert.deepEqual(r, {
        type: 'Microsoft.ActiveDirectory.Management.ADDomainController',
        hostName: ['DC01.contoso.com'],
        name: 'DC01',
        os: 'Windows Server 2022 Datacenter',
        osVersion: '10.0 (20348)',
        site: 'Default-First-Site-Name',
        ip: '10.0.0.10',
        gc: true,
        domain: 'contoso.com',
        forest: 'contoso.com',
        byId: 'DC01.contoso.com',
        filtered: ['DC01'],
        none: 0,
      });
    });

    it('-Filter (*, -eq/-ne/-like/-notlike, quotes, $true, -and/-or, any case), -LDAPFilter, -SearchBase/-SearchScope, -ResultSetSize', async () => {
      const [r] = (await lab.run(`
$names = { param($items) @($items | ForEach-Object { $_.Name }) }
[ordered]@{
  all = @(Get-ADComputer -Filter *).Count
  likeOr = @(& $names (Get-ADComputer -Filter "name -like 'WEB*' -or NAME -eq 'APP01'"))
  dq = @(& $names (Get-ADComputer -Filter 'samaccountname -eq "WS01$"'))
  notlikeAnd = @(& $names (Get-ADComputer -Filter "Name -notlike 'W*' -and Enabled -eq \`$true"))
  ne = @(Get-ADUser -Filter "Name -ne 'Administrator'" | ForEach-Object { $_.SamAccountName })
  paren = @(& $names (Get-ADComputer -Filter "(Name -eq 'WEB01' -or Name -eq 'APP01') -and DNSHostName -like '*.contoso.com'"))
  cls = @(& $names (Get-ADObject -Filter "ObjectClass -eq 'organizationalUnit'"))
  ldapAnd = @(& $names (Get-ADComputer -LDAPFilter '(&(objectClass=computer)(name=APP*))'))
  ldapOr = @(& $names (Get-ADGroup -LDAPFilter '(|(cn=Domain Admins)(sAMAccountName=Enterprise Admins))'))
  ldapPresent = @(Get-ADComputer -LDAPFilter '(dNSHostName=*)').Count
  oneLevel = @(& $names (Get-ADObject -Filter * -SearchBase 'OU=Servers,${BASE}' -SearchScope OneLevel))
  base = @(& $names (Get-ADObject -Filter * -SearchBase 'OU=Servers,${BASE}' -SearchScope Base))
  subtree = @(& $names (Get-ADComputer -Filter * -SearchBase 'OU=Servers,${BASE}'))
  limited = @(Get-ADComputer -Filter * -ResultSetSize 2).Count
}`)) as [Record<string, unknown>];
      assert.deepEqual(r, {
        all: 4,
        likeOr: ['WEB01', 'APP01'],
        dq: ['WS01'],
        notlikeAnd: ['DC01', 'APP01'],
        ne: ['Guest', 'krbtgt', 'helpdesk', 'jsmith', 'svc-backup', 'contractor', 'former.employee'],
        paren: ['WEB01', 'APP01'],
        cls: ['Domain Controllers', 'Servers', 'Service Groups'],
        ldapAnd: ['APP01'],
        ldapOr: ['Domain Admins', 'Enterprise Admins'],
        ldapPresent: 4,
        oneLevel: ['WEB01', 'APP01'],
        base: ['Servers'],
        subtree: ['WEB01', 'APP01'],
        limited: 2,
      });
      const parse = await lab.fail(`Get-ADUser -Filter 'Name -eq'`);
      assert.equal(
        parse.fqid,
        'ActiveDirectoryCmdlet:Microsoft.ActiveDirectory.Management.ADFilterParsingException,Microsoft.ActiveDirectory.Management.Commands.GetADUser',
      );
      await lab.expectError(`Get-ADComputer -Filter * -SearchBase 'OU=Nowhere,${BASE}'`, {
        fqid: `ActiveDirectoryCmdlet:${NOT_FOUND},Microsoft.ActiveDirectory.Management.Commands.GetADComputer`,
        type: NOT_FOUND,
        category: 'ObjectNotFound',
        kind: PsErrorKind.NotFound,
        message: 'Directory object not found',
      });
    });

    it('Get-ADComputer -Properties (encryption types, OS, DNS name, delegation) and Set-ADComputer -KerberosEncryptionType', async () => {
      const [r] = (await lab.run(`
$c = Get-ADComputer 'WEB01' -Properties msDS-SupportedEncryptionTypes, KerberosEncryptionType, OperatingSystem, DNSHostName, PrincipalsAllowedToDelegateToAccount
$before = [ordered]@{ type = $c.GetType().FullName; set = $c.'msDS-SupportedEncryptionTypes'; enc = [string]$c.KerberosEncryptionType; os = $c.OperatingSystem
  dns = $c.DNSHostName; delegate = @($c.PrincipalsAllowedToDelegateToAccount); sid = $c.SID.Value }
Set-ADComputer 'APP01' -KerberosEncryptionType AES256
Set-ADComputer 'APP01' -PrincipalsAllowedToDelegateToAccount 'WEB01$'
$a = Get-ADComputer 'APP01' -Properties KerberosEncryptionType, msDS-SupportedEncryptionTypes, PrincipalsAllowedToDelegateToAccount
[ordered]@{ before = $before; after = [string]$a.KerberosEncryptionType; afterValue = $a.'msDS-SupportedEncryptionTypes'; afterDelegate = @($a.PrincipalsAllowedToDelegateToAccount) }`)) as [
        Record<string, unknown>,
      ];
      assert.deepEqual(r, {
        before: {
          type: 'Microsoft.ActiveDirectory.Management.ADComputer',
          set: 28,
          enc: 'RC4, AES128, AES256',
          os: 'Windows Server 2022 Standard',
          dns: 'web01.contoso.com',
          delegate: [],
          sid: `${DOMAIN_SID}-1101`,
        },
        after: 'AES256',
        afterValue: 16,
        afterDelegate: [WEB01],
      });
    });

    it('Get-ADUser, Get-ADObject, Get-ADOrganizationalUnit; an unknown identity is not found with the real message', async () => {
      const [r] = (await lab.run(`
$u = Get-ADUser 'Administrator'
$ou = Get-ADOrganizationalUnit -Identity 'OU=Servers,${BASE}'
$o = Get-ADObject -Identity 'CN=Managed Service Accounts,${BASE}'
[ordered]@{
  user = $u.GetType().FullName + '|' + $u.DistinguishedName + '|' + $u.SID.Value + '|' + $u.Enabled
  userNotes = @($u.PSObject.Properties | Where-Object { $_.MemberType -eq 'Property' } | ForEach-Object { $_.Name })
  ous = @(Get-ADOrganizationalUnit -Filter * | ForEach-Object { $_.Name })
  ou = $ou.GetType().FullName + '|' + $ou.Name
  obj = $o.GetType().FullName + '|' + $o.ObjectClass
  byGuid = (Get-ADUser -Identity ([string](Get-ADUser 'helpdesk').ObjectGUID)).Name
  bySid = (Get-ADComputer -Identity '${DOMAIN_SID}-1102').Name
  bySam = (Get-ADComputer -Identity 'WS01$').Name
}`)) as [Record<string, unknown>];
      assert.deepEqual(r, {
        user: `Microsoft.ActiveDirectory.Management.ADUser|CN=Administrator,CN=Users,${BASE}|${DOMAIN_SID}-500|True`,
        userNotes: [
          'DistinguishedName',
          'Enabled',
          'GivenName',
          'Name',
          'ObjectClass',
          'ObjectGUID',
          'SamAccountName',
          'SID',
          'Surname',
          'UserPrincipalName',
        ],
        ous: ['Domain Controllers', 'Servers', 'Service Groups'],
        ou: 'Microsoft.ActiveDirectory.Management.ADOrganizationalUnit|Servers',
        obj: 'Microsoft.ActiveDirectory.Management.ADObject|container',
        byGuid: 'helpdesk',
        bySid: 'APP01',
        bySam: 'WS01',
      });
      await lab.expectError(`Get-ADServiceAccount -Identity 'no-such-msa'`, {
        fqid: `ActiveDirectoryCmdlet:${NOT_FOUND},Microsoft.ActiveDirectory.Management.Commands.GetADServiceAccount`,
        type: NOT_FOUND,
        category: 'ObjectNotFound',
        kind: PsErrorKind.NotFound,
        message: `Cannot find an object with identity: 'no-such-msa' under: '${BASE}'.`,
      });
    });

    it('Remove-ADServiceAccount deletes the account and every link to it', async () => {
      const [r] = (await lab.run(`
New-ADServiceAccount -Name 'smsa-gone' -RestrictToSingleComputer
Add-ADComputerServiceAccount -Identity 'APP01' -ServiceAccount 'smsa-gone'
Remove-ADServiceAccount 'smsa-gone' -Confirm:$false
[ordered]@{ left = @(Get-ADServiceAccount -Filter "Name -eq 'smsa-gone'").Count; links = @((Get-ADComputer 'APP01' -Properties ServiceAccount).ServiceAccount).Count }`)) as [
        Record<string, unknown>,
      ];
      assert.deepEqual(r, { left: 0, links: 0 });
    });

    it('replication cmdlets: one DC has no partners and no failures', async () => {
      assert.deepEqual(
        await lab.run(
          `@(Get-ADReplicationPartnerMetadata -Target 'DC01').Count; @(Get-ADReplicationFailure -Target 'DC01').Count`,
        ),
        [0, 0],
      );
    });

    it('dMSA migration needs the Windows2025Domain level', async () => {
      await lab.expectError(
        `Start-ADServiceAccountMigration -Identity 'gmsa-web' -SupersededAccount 'CN=helpdesk,CN=Users,${BASE}'`,
        {
          fqid: 'ActiveDirectoryServer:50,Microsoft.ActiveDirectory.Management.Commands.StartADServiceAccountMigration',
          type: 'Microsoft.ActiveDirectory.Management.ADException',
          category: 'NotSpecified',
          kind: PsErrorKind.Unknown,
          message: 'The request is not supported.',
        },
      );
    });
  });
});

describe('ActiveDirectory lab module, fresh-domain (no KDS root key)', () => {
  const lab = useLab('fresh-domain');

  it('a gMSA fails with "Key does not exist" (NTE_NO_KEY); an sMSA needs no key', async () => {
    await lab.expectError(
      `New-ADServiceAccount -Name 'gmsa-nokey' -DNSHostName 'gmsa-nokey.contoso.com'`,
      keyDoesNotExist,
    );
    assert.deepEqual(
      await lab.run(`@(Get-ADServiceAccount -Filter *).Count
(New-ADServiceAccount -Name 'smsa-nokey' -RestrictToSingleComputer -PassThru).ObjectClass`),
      [0, 'msDS-ManagedServiceAccount'],
    );
  });
});

describe('ActiveDirectory lab module, kds-key-pending', () => {
  const lab = useLab('kds-key-pending');

  it('the key is not usable before its EffectiveTime: "Key does not exist" until the clock passes it', async () => {
    await lab.expectError(`New-ADServiceAccount -Name 'gmsa-early' -DNSHostName 'early.contoso.com'`, keyDoesNotExist);
    assert.deepEqual(
      await lab.run(`Update-LabState -Script { param($state) $state.clockOffsetSeconds += 10 * 3600 }
(New-ADServiceAccount -Name 'gmsa-early' -DNSHostName 'early.contoso.com' -PassThru).SamAccountName`),
      ['gmsa-early$'],
    );
  });
});

describe('ActiveDirectory lab module, legacy-levels (2008 R2)', () => {
  const lab = useLab('legacy-levels');

  it('a gMSA fails with "Key does not exist" (no 2012 DC, no key); an sMSA works; levels and schema 47 read back', async () => {
    await lab.expectError(`New-ADServiceAccount -Name 'gmsa-old' -DNSHostName 'old.contoso.com'`, keyDoesNotExist);
    const [r] = (await lab.run(`
$s = New-ADServiceAccount -Name 'smsa-old' -RestrictToSingleComputer -PassThru
[ordered]@{ cls = $s.ObjectClass; mode = [string](Get-ADDomain).DomainMode; forest = [string](Get-ADForest).ForestMode
  schema = (Get-ADObject (Get-ADRootDSE).schemaNamingContext -Property objectVersion).objectVersion
  dcLevel = (Get-ADRootDSE).domainControllerFunctionality }`)) as [Record<string, unknown>];
    assert.deepEqual(r, {
      cls: 'msDS-ManagedServiceAccount',
      mode: 'Windows2008R2Domain',
      forest: 'Windows2008R2Forest',
      schema: 47,
      dcLevel: 'Windows2008R2',
    });
  });
});

describe('ActiveDirectory lab module, multi-dc-replication', () => {
  const lab = useLab('multi-dc-replication');

  it('DC02 has no key yet; created on DC01 with -Server, the gMSA is invisible on DC02 until replication', async () => {
    await lab.expectError(`New-ADServiceAccount -Name 'gmsa-dc' -DNSHostName 'gmsa-dc.contoso.com'`, keyDoesNotExist);
    assert.deepEqual(
      await lab.run(`(New-ADServiceAccount -Name 'gmsa-dc' -DNSHostName 'gmsa-dc.contoso.com' -Server 'DC01' -PassThru).DistinguishedName
(Get-ADServiceAccount -Identity 'gmsa-dc' -Server 'DC01.contoso.com').SamAccountName
@(Get-ADServiceAccount -Filter * -Server 'DC02').Count
@((Get-LabState).objects | Where-Object { $_.name -eq 'gmsa-dc' } | ForEach-Object { $_.onlyOn })`),
      [`CN=gmsa-dc,${MSA_CONTAINER}`, 'gmsa-dc$', 0, 'DC01'],
    );
    await lab.expectError(`Get-ADServiceAccount -Identity 'gmsa-dc'`, {
      fqid: `ActiveDirectoryCmdlet:${NOT_FOUND},Microsoft.ActiveDirectory.Management.Commands.GetADServiceAccount`,
      type: NOT_FOUND,
      category: 'ObjectNotFound',
      kind: PsErrorKind.NotFound,
      message: `Cannot find an object with identity: 'gmsa-dc' under: '${BASE}'.`,
    });
    assert.deepEqual(
      await lab.run(`Update-LabState -Script { param($state) $state.clockOffsetSeconds += 4 * 3600 }
(Get-ADServiceAccount -Identity 'gmsa-dc' -Server 'DC02').SamAccountName
(New-ADServiceAccount -Name 'gmsa-dc2' -DNSHostName 'gmsa-dc2.contoso.com' -PassThru).SamAccountName`),
      ['gmsa-dc$', 'gmsa-dc2$'],
    );
  });

  it('-Discover finds the nearest DC (DC02), the PDC on request; replication metadata follow the delay', async () => {
    const [r] = (await lab.run(`
$near = Get-ADDomainController -Discover
$meta = @(Get-ADReplicationPartnerMetadata -Target 'DC02')
[ordered]@{
  near = @($near.HostName); nearSite = $near.Site; pdc = (Get-ADDomainController -Discover -Service PrimaryDC).Name
  inDefaultSite = (Get-ADDomainController -Discover -SiteName 'Default-First-Site-Name').Name
  all = @(Get-ADDomainController -Filter * | ForEach-Object { $_.Name })
  count = $meta.Count; server = $meta[0].Server; partner = $meta[0].Partner; result = $meta[0].LastReplicationResult
  lagMinutes = [math]::Round(((Get-LabNow) - $meta[0].LastReplicationSuccess).TotalMinutes)
  failures = @(Get-ADReplicationFailure -Target 'DC02').Count
}`)) as [Record<string, unknown>];
    assert.deepEqual(r, {
      near: ['DC02.contoso.com'],
      nearSite: 'Branch-Site',
      pdc: 'DC01',
      inDefaultSite: 'DC01',
      all: ['DC01', 'DC02'],
      count: 1,
      server: 'DC02.contoso.com',
      partner: `CN=NTDS Settings,CN=DC01,CN=Servers,CN=Default-First-Site-Name,CN=Sites,CN=Configuration,${BASE}`,
      result: 0,
      lagMinutes: 180,
      failures: 0,
    });
    const failures =
      await lab.run(`Update-LabState -Script { param($state) ($state.domainControllers | Where-Object { $_.name -eq 'DC01' }).reachable = $false }
$f = @(Get-ADReplicationFailure -Target 'DC02'); $f.Count; $f[0].LastError
(Get-ADReplicationPartnerMetadata -Target 'DC02').LastReplicationResult`);
    assert.deepEqual(failures, [1, 1722, 1722]);
  });
});

describe('ActiveDirectory lab module, rc4-only-host', () => {
  const lab = useLab('rc4-only-host');

  it('an AES-only gMSA WEB01 may use: Test-ADServiceAccount is False with the warning, Install fails on the context', async () => {
    const test = await lab.session.invoke(
      trusted(`New-ADServiceAccount -Name 'gmsa-aes' -DNSHostName 'aes.contoso.com' -KerberosEncryptionType AES128, AES256 -PrincipalsAllowedToRetrieveManagedPassword 'WEB01$'
Test-ADServiceAccount -Identity 'gmsa-aes'`),
    );
    assert.equal(test.ok, true, JSON.stringify(test.errors));
    assert.deepEqual(test.data, [false]);
    assert.deepEqual(test.warnings, [testFailed('gmsa-aes')]);
    await lab.expectError(`Install-ADServiceAccount -Identity 'gmsa-aes'`, {
      fqid: INSTALL_FAILED,
      type: 'Microsoft.ActiveDirectory.Management.ADException',
      category: 'WriteError',
      kind: PsErrorKind.InstallServiceAccountFailed,
      message: "Cannot install service account. Error Message: 'The provided context did not match the target.'.",
    });
    assert.deepEqual(
      await lab.run(`Set-ADServiceAccount 'gmsa-aes' -KerberosEncryptionType RC4, AES128, AES256
Test-ADServiceAccount -Identity 'gmsa-aes'`),
      [true],
    );
  });
});

describe('ActiveDirectory lab module, not-admin (helpdesk, not elevated)', () => {
  const lab = useLab('not-admin');
  const SEED_GMSA = `Update-LabState -Script { param($state)
  $o = ($state.objects | Where-Object { $_.name -eq 'APP01' }).Clone()
  $o.objectClass = 'msDS-GroupManagedServiceAccount'; $o.name = 'gmsa-seed'; $o.samAccountName = 'gmsa-seed$'
  $o.distinguishedName = 'CN=gmsa-seed,${MSA_CONTAINER}'; $o.objectGuid = [guid]::NewGuid().ToString(); $o.objectSid = '${DOMAIN_SID}-2001'
  $o.principalsAllowedToRetrieveManagedPassword = @('${WEB01}'); $o.managedPasswordIntervalInDays = 30
  [void]$state.objects.Add($o) }`;

  it('reads work for a non-admin', async () => {
    assert.deepEqual(
      await lab.run(`${SEED_GMSA}
(Get-ADDomain).DNSRoot; @(Get-ADServiceAccount -Filter *).Count; (Get-ADComputer 'WEB01').Name; Test-ADServiceAccount 'gmsa-seed'`),
      ['contoso.com', 1, 'WEB01', true],
    );
  });

  it('every write fails with 8344 (insufficient access rights)', async () => {
    const ids = (await lab.run(`
$writes = [ordered]@{
  NewADServiceAccount = { New-ADServiceAccount -Name 'gmsa-no' -DNSHostName 'no.contoso.com' }
  NewSmsa = { New-ADServiceAccount -Name 'smsa-no' -RestrictToSingleComputer }
  SetADServiceAccount = { Set-ADServiceAccount 'gmsa-seed' -Description 'x' }
  RemoveADServiceAccount = { Remove-ADServiceAccount 'gmsa-seed' -Confirm:$false }
  NewADGroup = { New-ADGroup -Name 'g-no' -GroupScope Global }
  AddADGroupMember = { Add-ADGroupMember 'Domain Admins' -Members 'helpdesk' }
  RemoveADGroupMember = { Remove-ADGroupMember 'Domain Computers' -Members 'WEB01$' -Confirm:$false }
  RemoveADGroup = { Remove-ADGroup 'Domain Computers' -Confirm:$false }
  AddADComputerServiceAccount = { Add-ADComputerServiceAccount -Identity 'WEB01' -ServiceAccount 'gmsa-seed' }
  RemoveADComputerServiceAccount = { Remove-ADComputerServiceAccount -Identity 'WEB01' -ServiceAccount 'gmsa-seed' -Confirm:$false }
  SetADComputer = { Set-ADComputer 'WEB01' -KerberosEncryptionType AES256 }
}
$result = [ordered]@{}
foreach ($k in $writes.Keys) { $result[$k] = try { & $writes[$k]; 'written' } catch { $_.FullyQualifiedErrorId } }
$result`)) as [Record<string, string>];
    const [result] = ids;
    for (const [name, id] of Object.entries(result)) {
      const cls = name === 'NewSmsa' ? 'NewADServiceAccount' : name;
      assert.equal(id, `ActiveDirectoryServer:8344,Microsoft.ActiveDirectory.Management.Commands.${cls}`, name);
    }
    assert.equal(Object.keys(result).length, 11);
    await lab.expectError(`Add-ADGroupMember 'Domain Admins' -Members 'helpdesk'`, {
      fqid: 'ActiveDirectoryServer:8344,Microsoft.ActiveDirectory.Management.Commands.AddADGroupMember',
      type: 'Microsoft.ActiveDirectory.Management.ADException',
      category: 'NotSpecified',
      kind: PsErrorKind.AccessDenied,
      message: 'Insufficient access rights to perform the operation',
      hresult: 8344,
    });
    assert.deepEqual(await lab.run(`Get-ADGroupMember 'Domain Admins' | ForEach-Object { $_.name }`), [
      'Administrator',
    ]);
  });

  it('Install-ADServiceAccount needs an elevated process', async () => {
    await lab.expectError(`Install-ADServiceAccount 'gmsa-seed'`, {
      fqid: INSTALL_FAILED,
      type: 'System.UnauthorizedAccessException',
      category: 'PermissionDenied',
      kind: PsErrorKind.InstallServiceAccountFailed,
      message: "Cannot install service account. Error Message: 'Unknown error (0xc0000022)'.",
    });
  });
});

describe('ActiveDirectory lab module, server-2025 (dMSA)', () => {
  const lab = useLab('server-2025');
  const HELPDESK = `CN=helpdesk,CN=Users,${BASE}`;

  it('creates a dMSA and walks the migration: Start, Complete (disables the old account), Undo, Reset; out of order is an error', async () => {
    const [r] = (await lab.run(`
$d = New-ADServiceAccount -Name 'dmsa-report' -DNSHostName 'dmsa-report.contoso.com' -CreateDelegatedServiceAccount -PassThru
$state = { [ordered]@{
  dmsa = (Get-ADServiceAccount 'dmsa-report' -Properties 'msDS-DelegatedMSAState').'msDS-DelegatedMSAState'
  link = @((Get-ADServiceAccount 'dmsa-report' -Properties 'msDS-ManagedAccountPrecededByLink').'msDS-ManagedAccountPrecededByLink')
  userEnabled = (Get-ADUser 'helpdesk').Enabled } }
$steps = [ordered]@{ cls = $d.ObjectClass; created = & $state }
Start-ADServiceAccountMigration -Identity 'dmsa-report' -SupersededAccount '${HELPDESK}'
$steps.started = & $state
$steps.stored = ((Get-LabState).objects | Where-Object { $_.name -eq 'dmsa-report' }).migration.state
Complete-ADServiceAccountMigration -Identity 'dmsa-report' -SupersededAccount '${HELPDESK}'
$steps.completed = & $state
Undo-ADServiceAccountMigration -Identity 'dmsa-report' -SupersededAccount '${HELPDESK}'
$steps.undone = & $state
Reset-ADServiceAccountMigration -Identity 'dmsa-report' -SupersededAccount '${HELPDESK}'
$steps.reset = & $state
$steps`)) as [Record<string, unknown>];
    assert.deepEqual(r, {
      cls: 'msDS-DelegatedManagedServiceAccount',
      created: { dmsa: 0, link: [], userEnabled: true },
      started: { dmsa: 1, link: [HELPDESK], userEnabled: true },
      stored: 'Started',
      completed: { dmsa: 2, link: [HELPDESK], userEnabled: false },
      undone: { dmsa: 1, link: [HELPDESK], userEnabled: true },
      reset: { dmsa: 0, link: [], userEnabled: true },
    });
    const early = await lab.fail(
      `Complete-ADServiceAccountMigration -Identity 'dmsa-report' -SupersededAccount '${HELPDESK}'`,
    );
    assert.equal(
      early.fqid,
      'ActiveDirectoryCmdlet:Microsoft.ActiveDirectory.Management.ADException,Microsoft.ActiveDirectory.Management.Commands.CompleteADServiceAccountMigration',
    );
    assert.match(early.message, /is not started/);
    const notDmsa = await lab.fail(
      `New-ADServiceAccount -Name 'gmsa-plain' -DNSHostName 'p.contoso.com'; Start-ADServiceAccountMigration -Identity 'gmsa-plain' -SupersededAccount '${HELPDESK}'`,
    );
    assert.match(notDmsa.message, /not a delegated managed service account/);
  });
});
