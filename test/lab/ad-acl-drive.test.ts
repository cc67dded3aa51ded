// Get-Acl on the AD: drive in the lab (issue 17: the KDS root keys' read auditing): the drive exists once the
// ActiveDirectory module is imported, a path names a directory object by DN (the virtual Configuration containers and
// KDS root keys too), -Audit adds the SACL and needs SeSecurityPrivilege, and the descriptor is the one
// Get-ADObject -Properties nTSecurityDescriptor returns, with the PSPath/Path Get-Acl's output carries.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countCalls, readLabCalls, startLabCallLog, stopLabCallLog } from '../helpers/lab-calls.js';
import { sharedLabSession } from '../helpers/lab.js';

const BASE = 'DC=contoso,DC=com';
const KEYS = `CN=Master Root Keys,CN=Group Key Distribution Service,CN=Services,CN=Configuration,${BASE}`;
const SID_TYPE = '[System.Security.Principal.SecurityIdentifier]';
const PROVIDER = 'Microsoft.ActiveDirectory.Management.dll\\ActiveDirectory::';
const RULE_LINES = `ForEach-Object { '{0}|{1}|{2}|{3}|{4}' -f $_.IdentityReference.Value, $_.ActiveDirectoryRights, $_.AccessControlType, $_.ObjectType, $_.IsInherited }`;
/** An audit entry on the first KDS root key: Everyone's successful reads of msKds-RootKeyData (event 4662). */
const KEY_SACL = `Update-LabState -Script { param($s) $s.kdsRootKeys[0]['security'] = @{ access = @(); protected = $false; audit = @(@{ sid = 'S-1-1-0'; rights = 'ReadProperty'; type = 'Success'; objectType = '26627c27-08a2-0a40-a1b1-8dce85b42993'; inheritance = 'None' }) } } | Out-Null`;
const ELEVATED = (on: boolean): string => `& (Get-Module LabCore) { $script:Context.Elevated = $${String(on)} }`;
const FIRST_KEY_DN = `(Get-ADObject -SearchBase '${KEYS}' -LDAPFilter '(objectClass=msKds-ProvRootKey)' | Select-Object -First 1).DistinguishedName`;

const useLab = sharedLabSession();

describe('Get-Acl on the AD: drive', () => {
  const lab = useLab('healthy');

  it('without the ActiveDirectory module there is no AD: drive (nor provider): the engine error, the statement stops', async () => {
    const out = await lab.run(`
Remove-Module ActiveDirectory -ErrorAction SilentlyContinue
foreach ($p in @('AD:OU=Servers,${BASE}', '${PROVIDER}//RootDSE/OU=Servers,${BASE}')) {
    try { Get-Acl -Path $p -ErrorAction SilentlyContinue; 'no error' }
    catch { '{0}|{1}|{2}|{3}' -f $_.FullyQualifiedErrorId, $_.CategoryInfo.Category, $_.Exception.GetType().FullName, $_.Exception.Message }
}`);
    assert.deepEqual(out, [
      "DriveNotFound,Microsoft.PowerShell.Commands.GetAclCommand|ObjectNotFound|System.Management.Automation.DriveNotFoundException|Cannot find drive. A drive with the name 'AD' does not exist.",
      "ProviderNotFound,Microsoft.PowerShell.Commands.GetAclCommand|ObjectNotFound|System.Management.Automation.ProviderNotFoundException|Cannot find a provider with the name 'Microsoft.ActiveDirectory.Management.dll\\ActiveDirectory'.",
    ]);
    const error = await lab.fail(
      `Remove-Module ActiveDirectory -ErrorAction SilentlyContinue; Get-Acl -Path 'AD:OU=Servers,${BASE}'`,
    );
    assert.match(error.message, /Cannot find drive\. A drive with the name 'AD' does not exist\./);
  });

  it('after Import-Module ActiveDirectory: the DACL Get-ADObject reads, in every path form, with Path = the provider path', async () => {
    const out = (await lab.run(`
Import-Module ActiveDirectory
${ELEVATED(true)}
$dn = 'OU=Servers,${BASE}'
$expected = (Get-ADObject -Identity $dn -Properties nTSecurityDescriptor).nTSecurityDescriptor.GetAccessRules($true, $true, ${SID_TYPE}) | ${RULE_LINES}
foreach ($p in @("AD:$dn", "AD:\\$dn", "${PROVIDER}//RootDSE/$dn", "ActiveDirectory:://RootDSE/$dn")) {
    $acl = Get-Acl -Path $p
    $lines = $acl.GetAccessRules($true, $true, ${SID_TYPE}) | ${RULE_LINES}
    '{0}|{1}|{2}|{3}|{4}' -f ($lines.Count -gt 0), (($lines -join ';') -eq ($expected -join ';')), $acl.Path, $acl.PSPath, $acl.GetOwner(${SID_TYPE}).Value.EndsWith('-512')
}
(Get-Acl -LiteralPath "AD:$dn").Path
(Get-Acl -Path "AD:$dn").Access.Count -eq $expected.Count
(Get-Acl -Path "AD:$dn").GetAuditRules($true, $true, ${SID_TYPE}).Count`)) as unknown[];
    const path = `${PROVIDER}//RootDSE/OU=Servers,${BASE}`;
    assert.deepEqual(out, [
      `True|True|${path}|${path}|True`,
      `True|True|${path}|${path}|True`,
      `True|True|${path}|${path}|True`,
      `True|True|${path}|${path}|True`,
      path,
      true,
      0,
    ]);
  });

  it('-Audit on CN=Master Root Keys and a key (several paths, one call): the SACL; without -Audit none, even elevated', async () => {
    const out = (await lab.run(`
Import-Module ActiveDirectory
${ELEVATED(true)}
${KEY_SACL}
$key = ${FIRST_KEY_DN}
$acls = Get-Acl -Path @('AD:${KEYS}', "AD:$key") -Audit
$acls.Count
$acls[0].Path
$acls[0].GetAuditRules($true, $true, ${SID_TYPE}).Count
$acls[1].GetAuditRules($true, $true, ${SID_TYPE}) | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.IdentityReference.Value, $_.AuditFlags, $_.ActiveDirectoryRights, $_.ObjectType }
$acls[1].Audit | ForEach-Object { [string]$_.IdentityReference }
($acls[1].Access | Where-Object { [string]$_.IdentityReference -eq 'CONTOSO\\Enterprise Admins' }).ActiveDirectoryRights.ToString()
(Get-Acl -Path "AD:$key").GetAuditRules($true, $true, ${SID_TYPE}).Count`)) as unknown[];
    assert.deepEqual(out, [
      2,
      `${PROVIDER}//RootDSE/${KEYS}`,
      0,
      'S-1-1-0|Success|ReadProperty|26627c27-08a2-0a40-a1b1-8dce85b42993',
      'Everyone',
      'GenericAll',
      0,
    ]);
  });

  it('-Audit without SeSecurityPrivilege: PrivilegeNotHeldException ends the call; without -Audit the DACL still reads', async () => {
    const out = (await lab.run(`
Import-Module ActiveDirectory
${ELEVATED(false)}
$key = ${FIRST_KEY_DN}
try { Get-Acl -Path @("AD:$key", 'AD:${KEYS}') -Audit | ForEach-Object { 'written' } }
catch { $_.FullyQualifiedErrorId; [string]$_.CategoryInfo.Category; $_.Exception.GetType().FullName; $_.Exception.Message; $_.Exception -is [System.UnauthorizedAccessException]; [string]$_.TargetObject -eq "AD:$key" }
(Get-Acl -Path "AD:$key").GetAccessRules($true, $true, ${SID_TYPE}).Count -gt 0
${ELEVATED(true)}`)) as unknown[];
    assert.deepEqual(out, [
      'System.Security.AccessControl.PrivilegeNotHeldException,Microsoft.PowerShell.Commands.GetAclCommand',
      'NotSpecified',
      'System.Security.AccessControl.PrivilegeNotHeldException',
      "The process does not possess the 'SeSecurityPrivilege' privilege which is required for this operation.",
      true,
      true,
      true,
    ]);
  });

  it('a DN that does not exist: "Cannot find path" for that path alone (non-terminating), the others are read', async () => {
    const out = (await lab.run(`
Import-Module ActiveDirectory
$missing = 'AD:OU=Nowhere,${BASE}'
$acls = @(Get-Acl -Path @($missing, 'AD:${KEYS}') -ErrorAction SilentlyContinue -ErrorVariable failed)
$acls.Count
$acls[0].Path
$failed.Count
$failed[0].FullyQualifiedErrorId
[string]$failed[0].CategoryInfo.Category
$failed[0].Exception.GetType().FullName
$failed[0].Exception.Message`)) as unknown[];
    assert.deepEqual(out, [
      1,
      `${PROVIDER}//RootDSE/${KEYS}`,
      1,
      'GetAcl_PathNotFound_Exception,Microsoft.PowerShell.Commands.GetAclCommand',
      'ObjectNotFound',
      'System.Management.Automation.ItemNotFoundException',
      `Cannot find path 'AD:OU=Nowhere,${BASE}' because it does not exist.`,
    ]);
  });

  it('one Get-Acl with several paths is one call in the call log', async () => {
    await lab.run(`Import-Module ActiveDirectory; ${ELEVATED(true)}`);
    startLabCallLog(lab.dir);
    try {
      const count = await lab.run(`
$key = (Get-ADObject -SearchBase '${KEYS}' -LDAPFilter '(objectClass=msKds-ProvRootKey)' | Select-Object -First 1).DistinguishedName
@(Get-Acl -Path @('AD:${KEYS}', "AD:$key", 'AD:OU=Servers,${BASE}') -Audit).Count`);
      assert.deepEqual(count, [3]);
      const calls = readLabCalls(lab.dir);
      assert.equal(countCalls(calls, 'Get-Acl'), 1);
    } finally {
      stopLabCallLog(lab.dir);
    }
  });
});
