// nTSecurityDescriptor in the lab (issue 17): what `Get-AD* -Properties nTSecurityDescriptor` returns, read with the
// members an audit script uses on Windows (GetAccessRules / GetAuditRules / GetOwner / Access / AreAccessRulesProtected),
// with the real enum types; each class's documented default DACL, inheritance from the parents, the KDS root keys' ACLs
// and SACLs, and the dMSA attributes an audit filters on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sharedLabSession } from '../helpers/lab.js';

const BASE = 'DC=contoso,DC=com';
const KEYS = `CN=Master Root Keys,CN=Group Key Distribution Service,CN=Services,CN=Configuration,${BASE}`;
const SID_TYPE = '[System.Security.Principal.SecurityIdentifier]';

const useLab = sharedLabSession();

/** One line per access rule: identity|rights|type|objectType|inheritedObjectType|isInherited|inheritanceType. */
const RULE_LINES = `ForEach-Object { '{0}|{1}|{2}|{3}|{4}|{5}|{6}' -f $_.IdentityReference.Value, $_.ActiveDirectoryRights, $_.AccessControlType, $_.ObjectType, $_.InheritedObjectType, $_.IsInherited, $_.InheritanceType }`;

describe('nTSecurityDescriptor: the members audit scripts read', () => {
  const lab = useLab('healthy');
  const domainSid = async (): Promise<string> => String((await lab.run(`(Get-ADDomain).DomainSID.Value`))[0]);

  it('an OU carries the organizationalUnit class default DACL (schema defaultSecurityDescriptor), with the real enums', async () => {
    const sid = await domainSid();
    const lines = (await lab.run(`
$sd = (Get-ADObject -Identity 'OU=Servers,${BASE}' -Properties nTSecurityDescriptor).nTSecurityDescriptor
$sd.GetAccessRules($true, $true, ${SID_TYPE}) | Where-Object { $_.InheritanceType -ne 'Descendents' } | ${RULE_LINES}`)) as string[];
    const none = '00000000-0000-0000-0000-000000000000';
    assert.deepEqual(lines, [
      `S-1-5-18|GenericAll|Allow|${none}|${none}|False|None`,
      `${sid}-512|GenericAll|Allow|${none}|${none}|False|None`,
      `S-1-5-32-548|CreateChild, DeleteChild|Allow|bf967a86-0de6-11d0-a285-00aa003049e2|${none}|False|None`,
      `S-1-5-32-548|CreateChild, DeleteChild|Allow|bf967aba-0de6-11d0-a285-00aa003049e2|${none}|False|None`,
      `S-1-5-32-548|CreateChild, DeleteChild|Allow|bf967a9c-0de6-11d0-a285-00aa003049e2|${none}|False|None`,
      `S-1-5-32-550|CreateChild, DeleteChild|Allow|bf967aa8-0de6-11d0-a285-00aa003049e2|${none}|False|None`,
      `S-1-5-11|GenericRead|Allow|${none}|${none}|False|None`,
      `S-1-5-9|GenericRead|Allow|${none}|${none}|False|None`,
      `S-1-5-32-548|CreateChild, DeleteChild|Allow|4828cc14-1437-45bc-9b07-ad6f015e5f28|${none}|False|None`,
      // Inherited from the domain head (its domainDNS default): BUILTIN\Administrators and Enterprise Admins on
      // everything, Pre-Windows 2000 Compatible Access's list right (its reads of users and groups are inherit-only here).
      `S-1-5-32-544|CreateChild, Self, WriteProperty, ExtendedRight, Delete, GenericRead, WriteDacl, WriteOwner|Allow|${none}|${none}|True|All`,
      `${sid}-519|GenericAll|Allow|${none}|${none}|True|All`,
      `S-1-5-32-554|ListChildren|Allow|${none}|${none}|True|All`,
    ]);
    const types = (await lab.run(`
$sd = (Get-ADOrganizationalUnit -Identity 'OU=Servers,${BASE}' -Properties nTSecurityDescriptor).nTSecurityDescriptor
$r = $sd.GetAccessRules($true, $true, ${SID_TYPE})[2]
$r.ActiveDirectoryRights.GetType().FullName
$r.AccessControlType.GetType().FullName
$r.InheritanceType.GetType().FullName
$r.ObjectType.GetType().FullName
[string]$r.ObjectFlags
[bool](($r.ActiveDirectoryRights -band [System.DirectoryServices.ActiveDirectoryRights]::CreateChild) -ne 0)
$sd.GetOwner(${SID_TYPE}).Value
$sd.AreAccessRulesProtected
$sd.Sddl.StartsWith('O:' + $sd.GetOwner(${SID_TYPE}).Value)`)) as unknown[];
    assert.deepEqual(types, [
      'System.DirectoryServices.ActiveDirectoryRights',
      'System.Security.AccessControl.AccessControlType',
      'System.DirectoryServices.ActiveDirectorySecurityInheritance',
      'System.Guid',
      'ObjectAceTypePresent',
      true,
      `${sid}-512`,
      false,
      true,
    ]);
  });

  it('Access names the trustees as NTAccount does; unmapped SIDs stay SIDs', async () => {
    const names = (await lab.run(`
Update-LabState -Script { param($s) ($s.objects | Where-Object { $_.distinguishedName -eq 'OU=Servers,${BASE}' })['security'] = @{ access = @(@{ sid = 'S-1-5-21-1-2-3-4444'; rights = 'GenericRead'; type = 'Allow'; inheritance = 'None' }); audit = @(); protected = $false } } | Out-Null
(Get-ADOrganizationalUnit -Identity 'OU=Servers,${BASE}' -Properties nTSecurityDescriptor).nTSecurityDescriptor.Access | Where-Object { -not $_.IsInherited } | ForEach-Object { $_.IdentityReference.Value }`)) as string[];
    assert.deepEqual(names, [
      'S-1-5-21-1-2-3-4444',
      'NT AUTHORITY\\SYSTEM',
      'CONTOSO\\Domain Admins',
      'BUILTIN\\Account Operators',
      'BUILTIN\\Account Operators',
      'BUILTIN\\Account Operators',
      'BUILTIN\\Print Operators',
      'NT AUTHORITY\\Authenticated Users',
      'NT AUTHORITY\\ENTERPRISE DOMAIN CONTROLLERS',
      'BUILTIN\\Account Operators',
    ]);
  });

  it('inheritable entries reach the children (InheritedObjectType limits the class), includeExplicit/includeInherited are honoured, a protected object inherits nothing', async () => {
    const sid = await domainSid();
    const userClass = 'bf967aba-0de6-11d0-a285-00aa003049e2';
    await lab.run(`
Update-LabState -Script {
    param($s)
    $ou = $s.objects | Where-Object { $_.distinguishedName -eq 'OU=Servers,${BASE}' }
    $ou['security'] = @{ access = @(
        @{ sid = '${sid}-1200'; rights = 'GenericAll'; type = 'Allow'; inheritance = 'Descendents'; inheritedObjectType = '${userClass}' },
        @{ sid = '${sid}-1201'; rights = 'ReadProperty, WriteProperty'; type = 'Allow'; inheritance = 'All' },
        @{ sid = '${sid}-1202'; rights = 'CreateChild'; type = 'Allow'; inheritance = 'Children' }
    ); audit = @(); protected = $false }
} | Out-Null
# Two OUs under it and a user in the first, copied from existing objects (the lab has no New-ADOrganizationalUnit).
Update-LabState -Script {
    param($s)
    $copy = {
        param($from, $name, $dn, $sid)
        $o = @{}
        foreach ($k in $from.Keys) { $o[$k] = $from[$k] }
        $o.Remove('security')
        $o.name = $name; $o.distinguishedName = $dn; $o.objectGuid = [guid]::NewGuid().ToString()
        if ($sid) { $o.objectSid = $sid; $o.samAccountName = $name }
        $o
    }
    $ou = $s.objects | Where-Object { $_.distinguishedName -eq 'OU=Servers,${BASE}' }
    $user = $s.objects | Where-Object { $_.name -eq 'helpdesk' }
    $sealed = & $copy $ou 'Sealed' 'OU=Sealed,OU=Servers,${BASE}' $null
    $sealed['security'] = @{ access = @(); audit = @(); protected = $true }
    $s.objects = @($s.objects) + @((& $copy $ou 'Inner' 'OU=Inner,OU=Servers,${BASE}' $null), $sealed, (& $copy $user 'svc-inner' 'CN=svc-inner,OU=Inner,OU=Servers,${BASE}' '${sid}-1299'))
} | Out-Null`);
    // (The entries the domain head passes to everything, BUILTIN\Administrators and Enterprise Admins, left out.)
    const inherited = async (cmd: string): Promise<string[]> =>
      (
        (await lab.run(
          `(${cmd} -Properties nTSecurityDescriptor).nTSecurityDescriptor.GetAccessRules($false, $true, ${SID_TYPE}) | ${RULE_LINES}`,
        )) as string[]
      )
        .map((l) => l.replace(`${sid}-`, 'RID-'))
        .filter((l) => l.startsWith('RID-12'));
    const none = '00000000-0000-0000-0000-000000000000';
    // The child OU: the user-only entry passes through inherit-only, All stays All, Children applies here and stops.
    assert.deepEqual(await inherited(`Get-ADOrganizationalUnit -Identity 'OU=Inner,OU=Servers,${BASE}'`), [
      `RID-1200|GenericAll|Allow|${none}|${userClass}|True|Descendents`,
      `RID-1201|ReadProperty, WriteProperty|Allow|${none}|${none}|True|All`,
      `RID-1202|CreateChild|Allow|${none}|${none}|True|None`,
    ]);
    // The grandchild user: the user-only entry applies; Children did not reach it.
    assert.deepEqual(await inherited(`Get-ADUser -Identity 'svc-inner'`), [
      `RID-1200|GenericAll|Allow|${none}|${userClass}|True|All`,
      `RID-1201|ReadProperty, WriteProperty|Allow|${none}|${none}|True|All`,
    ]);
    assert.deepEqual(await inherited(`Get-ADOrganizationalUnit -Identity 'OU=Sealed,OU=Servers,${BASE}'`), []);
    const sealed = await lab.run(
      `(Get-ADObject -Identity 'OU=Sealed,OU=Servers,${BASE}' -Properties nTSecurityDescriptor).nTSecurityDescriptor.AreAccessRulesProtected`,
    );
    assert.deepEqual(sealed, [true]);
    const explicitOnly = (await lab.run(
      `(Get-ADUser -Identity 'svc-inner' -Properties nTSecurityDescriptor).nTSecurityDescriptor.GetAccessRules($true, $false, ${SID_TYPE}) | ForEach-Object { $_.IsInherited }`,
    )) as boolean[];
    assert.ok(explicitOnly.length > 0 && explicitOnly.every((i) => !i));
  });

  it('is computed only when asked for: absent from the default property set, present with -Properties *, on the domain head too', async () => {
    const out = (await lab.run(`
$null -eq (Get-ADUser -Identity Administrator).nTSecurityDescriptor
[string](Get-ADUser -Identity Administrator -Properties *).nTSecurityDescriptor
$domain = Get-ADObject -Identity '${BASE}' -Properties nTSecurityDescriptor
[string]$domain.nTSecurityDescriptor`)) as unknown[];
    assert.deepEqual(out, [
      true,
      'System.DirectoryServices.ActiveDirectorySecurity',
      'System.DirectoryServices.ActiveDirectorySecurity',
    ]);
  });
});

describe('nTSecurityDescriptor on the planted risky domain', () => {
  const lab = useLab('risky-domain');

  it('a KDS root key: the class default (Enterprise Admins, SYSTEM, Domain Admins) plus the key explicit ACEs', async () => {
    const lines = (await lab.run(`
Get-ADObject -SearchBase '${KEYS}' -LDAPFilter '(objectClass=msKds-ProvRootKey)' -Properties nTSecurityDescriptor |
    ForEach-Object { $_.nTSecurityDescriptor.Access } | ForEach-Object { '{0}|{1}|{2}' -f $_.IdentityReference, $_.ActiveDirectoryRights, $_.ObjectType }`)) as string[];
    assert.ok(
      lines.includes('CONTOSO\\Enterprise Admins|GenericAll|00000000-0000-0000-0000-000000000000'),
      lines.join('\n'),
    );
    assert.ok(lines.includes('NT AUTHORITY\\SYSTEM|GenericAll|00000000-0000-0000-0000-000000000000'));
    // msKds-RootKeyData (26627c27-...) readable by a non-admin group: the planted Golden gMSA exposure.
    assert.ok(
      lines.some((l) => /^CONTOSO\\KDS Readers\|.*ReadProperty.*\|26627c27-08a2-0a40-a1b1-8dce85b42993$/.test(l)),
      lines.join('\n'),
    );
  });

  // (Before the next test, which gives the first key a SACL.)
  it('the domain head passes its SACL (Everyone, writes, Success and Failure) to a gMSA; a KDS key, in the configuration partition, has none by default', async () => {
    const out = await lab.run(`
& (Get-Module LabCore) { $script:Context.Elevated = $true }
$g = Get-ADServiceAccount -Identity 'gmsa-report' -Properties nTSecurityDescriptor
$g.nTSecurityDescriptor.GetAuditRules($true, $true, ${SID_TYPE}) | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.IdentityReference.Value, $_.AuditFlags, $_.IsInherited, $_.InheritanceType }
$g.nTSecurityDescriptor.GetAuditRules($true, $false, ${SID_TYPE}).Count
$keys = Get-ADObject -SearchBase '${KEYS}' -LDAPFilter '(objectClass=msKds-ProvRootKey)' -Properties nTSecurityDescriptor
@($keys | ForEach-Object { $_.nTSecurityDescriptor.GetAuditRules($true, $true, ${SID_TYPE}) }).Count`);
    assert.deepEqual(out, ['S-1-1-0|Success, Failure|True|All', 0, 0]);
  });

  it('the SACL comes back only to a caller holding SeSecurityPrivilege; otherwise GetAuditRules is empty', async () => {
    const withPrivilege = await lab.run(`
& (Get-Module LabCore) { $script:Context.Elevated = $true }
Update-LabState -Script { param($s) $s.kdsRootKeys[0]['security'] = @{ access = @(); protected = $false; audit = @(@{ sid = 'S-1-1-0'; rights = 'ReadProperty'; type = 'Success'; objectType = '26627c27-08a2-0a40-a1b1-8dce85b42993'; inheritance = 'None' }) } } | Out-Null
$k = Get-ADObject -SearchBase '${KEYS}' -LDAPFilter '(objectClass=msKds-ProvRootKey)' -Properties nTSecurityDescriptor | Select-Object -First 1
$k.nTSecurityDescriptor.GetAuditRules($true, $true, ${SID_TYPE}) | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.IdentityReference.Value, $_.AuditFlags, $_.ActiveDirectoryRights, $_.AuditFlags.GetType().FullName }`);
    assert.deepEqual(withPrivilege, ['S-1-1-0|Success|ReadProperty|System.Security.AccessControl.AuditFlags']);
    const without = await lab.run(`
& (Get-Module LabCore) { $script:Context.Elevated = $false }
$k = Get-ADObject -SearchBase '${KEYS}' -LDAPFilter '(objectClass=msKds-ProvRootKey)' -Properties nTSecurityDescriptor | Select-Object -First 1
$k.nTSecurityDescriptor.GetAuditRules($true, $true, ${SID_TYPE}).Count
$k.nTSecurityDescriptor.GetAccessRules($true, $true, ${SID_TYPE}).Count -gt 0
& (Get-Module LabCore) { $script:Context.Elevated = $true }`);
    assert.deepEqual(without, [0, true]);
  });

  it('every Get-AD* cmdlet returns it, from -LDAPFilter searches too', async () => {
    const out = await lab.run(`
foreach ($c in @('Get-ADUser', 'Get-ADComputer', 'Get-ADGroup', 'Get-ADServiceAccount', 'Get-ADOrganizationalUnit', 'Get-ADObject')) {
    $o = & $c -LDAPFilter '(objectClass=*)' -Properties nTSecurityDescriptor -ResultSetSize 1
    '{0}:{1}' -f $c, ($o.nTSecurityDescriptor.GetAccessRules($true, $true, ${SID_TYPE}).Count -gt 0)
}`);
    assert.deepEqual(out, [
      'Get-ADUser:True',
      'Get-ADComputer:True',
      'Get-ADGroup:True',
      'Get-ADServiceAccount:True',
      'Get-ADOrganizationalUnit:True',
      'Get-ADObject:True',
    ]);
  });

  it('the dMSA attributes: readable with -Properties, usable in -LDAPFilter', async () => {
    const out = await lab.run(`
$d = Get-ADServiceAccount -LDAPFilter '(msDS-DelegatedMSAState=2)' -Properties msDS-ManagedAccountPrecededByLink, msDS-DelegatedMSAState
'{0}|{1}|{2}' -f $d.Name, $d.'msDS-ManagedAccountPrecededByLink', $d.'msDS-DelegatedMSAState'
Get-ADObject -LDAPFilter '(&(objectClass=msDS-DelegatedManagedServiceAccount)(msDS-ManagedAccountPrecededByLink=CN=Administrator,CN=Users,${BASE}))' | ForEach-Object Name
@(Get-ADServiceAccount -LDAPFilter '(msDS-ManagedAccountPrecededByLink=*)').Count`);
    assert.deepEqual(out, [`dmsa-legacy|CN=Administrator,CN=Users,${BASE}|2`, 'dmsa-legacy', 1]);
  });

  it('the BadSuccessor OU: the helpdesk group has CreateChild on every class (ObjectType empty)', async () => {
    const hits = (await lab.run(`
Get-ADOrganizationalUnit -Filter * -Properties ntSecurityDescriptor | ForEach-Object {
    $ou = $_
    $ou.nTSecurityDescriptor.Access | Where-Object {
        $_.AccessControlType -eq 'Allow' -and $_.PropagationFlags -ne 'InheritOnly' -and
        $_.ActiveDirectoryRights -match 'CreateChild|GenericAll|WriteDACL|WriteOwner' -and
        ($_.ObjectType -eq [guid]::Empty -or $_.ObjectType -eq [guid]'0feb936f-47b3-49f2-9386-1dedc2c23765') -and
        $_.IdentityReference.Value -notmatch 'Domain Admins|Enterprise Admins|SYSTEM|BUILTIN\\\\Administrators'
    } | ForEach-Object { '{0}|{1}' -f $ou.Name, $_.IdentityReference }
}`)) as string[];
    assert.equal(hits.length, 1, hits.join('\n'));
    assert.match(hits[0] ?? '', /\|CONTOSO\\Helpdesk/);
  });
});
