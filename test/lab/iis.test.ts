// The lab's IIS (WebAdministration, IISAdministration, WAS) on the iis-host scenario, in a real pwsh session run as
// WEB01: the documented commands bind and behave, a pool's identity is set and read back, and WAS starts a pool
// under a gMSA only when the account may log on as a batch job and the host may retrieve its password — otherwise
// the pool stops and the System log holds WAS's 5021, 5057 and 5059.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ps } from '../../electron/common/powershell/script.js';
import { LAB_MODULE_ROOT, LAB_RSAT_MODULE_ROOT } from '../../electron/lab/lab.js';
import { labSession, labState, newLab } from '../helpers/lab.js';
import { trusted } from '../helpers/pwsh.js';

const APPHOST = 'MACHINE/WEBROOT/APPHOST';
const reports = "system.applicationHost/applicationPools/add[@name='Reports']";
const WAS_EVENTS = "@{ LogName = 'System'; ProviderName = 'Microsoft-Windows-WAS'; Id = 5021, 5057, 5059 }";

/** The app's way to point a pool at an account: processModel userName, empty password, then identityType (each a
 *  commit; the last one makes WAS recycle a Started pool under the new identity). */
const setIdentity = (pool: string, account: string) => ps`
$filter = "system.applicationHost/applicationPools/add[@name='" + ${pool} + "']/processModel"
Set-WebConfigurationProperty -PSPath ${APPHOST} -Filter $filter -Name userName -Value ${account}
Set-WebConfigurationProperty -PSPath ${APPHOST} -Filter $filter -Name password -Value ''
Set-WebConfigurationProperty -PSPath ${APPHOST} -Filter $filter -Name identityType -Value SpecificUser`;

describe('the lab IIS on iis-host (as WEB01)', () => {
  const dir = newLab('iis-host');
  const session = labSession(dir, { computer: 'WEB01' });
  after(() => session.dispose());
  const run = (code: string) => session.run(trusted(code));

  before(async () => {
    // A gMSA WEB01 may retrieve, as the wizard creates one; another only WEB02 may retrieve.
    await run(`New-ADServiceAccount -Name 'svc-web' -DNSHostName 'svc-web.contoso.com' -PrincipalsAllowedToRetrieveManagedPassword 'WEB01$'
New-ADServiceAccount -Name 'svc-other' -DNSHostName 'svc-other.contoso.com' -PrincipalsAllowedToRetrieveManagedPassword 'WEB02$'`);
  });

  it('the scenario: WEB01 and WEB02 are AD computers and lab hosts with Web-Server, pools and sites', async () => {
    const state = labState(dir);
    assert.ok(state.objects.some((o) => o.objectClass === 'computer' && o.samAccountName === 'WEB02$'));
    for (const name of ['WEB01', 'WEB02']) {
      const iis = state.hosts[name]?.iis;
      assert.deepEqual(
        iis?.appPools.map((p) => [p.name, p.processModel.identityType]),
        [
          ['DefaultAppPool', 'ApplicationPoolIdentity'],
          ['Reports', 'ApplicationPoolIdentity'],
        ],
      );
      assert.ok(state.hosts[name]?.features['Web-Server']);
    }
    assert.deepEqual(await run('(Get-WindowsFeature -Name Web-Server).Installed'), [true]);
    assert.deepEqual(
      await run('Get-Website | ForEach-Object { $_.name + "|" + $_.physicalPath + "|" + $_.applicationPool }'),
      ['Default Web Site|%SystemDrive%\\inetpub\\wwwroot|DefaultAppPool', 'Reports|C:\\inetpub\\reports|Reports'],
    );
    assert.deepEqual(await run("Test-Path -Path 'C:\\inetpub\\reports'"), [true]);
  });

  it('W3SVC and WAS run; the Reports content folder is writable by BUILTIN\\Users on WEB02 only', async () => {
    assert.deepEqual(await run("Get-Service -Name W3SVC, WAS | ForEach-Object { $_.Name + ' ' + $_.Status }"), [
      'W3SVC Running',
      'WAS Running',
    ]);
    const bindTo = (computer: string) =>
      session.run(
        ps`Initialize-LabSession -LabDir ${dir} -ModuleRoot ${LAB_MODULE_ROOT} -RsatModuleRoot ${LAB_RSAT_MODULE_ROOT} -Computer ${computer}`,
      );
    const usersRights = () =>
      run(
        "(Get-Acl -Path 'C:\\inetpub\\reports').Access | Where-Object { [string]$_.IdentityReference -eq 'BUILTIN\\Users' } | ForEach-Object { [string]$_.FileSystemRights }",
      );
    assert.deepEqual(await usersRights(), ['ReadAndExecute, Synchronize']);
    await bindTo('WEB02');
    const web02 = await usersRights();
    await bindTo('WEB01');
    assert.deepEqual(web02, ['Modify, Synchronize', 'ReadAndExecute, Synchronize']);
  });

  it("the docs' examples bind and behave", async () => {
    const out = await run(`Stop-WebAppPool -Name "DefaultAppPool"
(Get-WebAppPoolState -Name "DefaultAppPool").Value
Start-WebAppPool -Name "DefaultAppPool"
(Get-WebAppPoolState -Name "DefaultAppPool").Value
Restart-WebAppPool -Name "DefaultAppPool"
New-WebAppPool -Name "NewAppPool" | ForEach-Object { $_.name + ' ' + $_.state }
Remove-WebAppPool -Name "NewAppPool"
@(Get-WebAppPoolState | ForEach-Object { $_.ItemXPath }).Count
(Get-Website -Name "Default Web Site").id
(Get-IISAppPool -Name "DefaultAppPool").ManagedPipelineMode
(Get-IISSite -Name "Default Web Site").Bindings[0].BindingInformation
New-Website -Name "TestSite" -Port 80 -HostHeader "TestSite" -PhysicalPath 'C:\\inetpub\\reports' | ForEach-Object { $_.id; $_.state; $_.bindings.Collection[0].bindingInformation }`);
    assert.deepEqual(out, [
      'Stopped',
      'Started',
      'NewAppPool Started',
      2,
      1,
      'Integrated',
      '*:80:',
      3,
      'Started',
      '*:80:TestSite',
    ]);
  });

  it('reads a pool as the app does: the processModel element, ConfigurationAttributes, enums as names', async () => {
    const [element, runtime, pipeline, kind] =
      (await run(`$pm = Get-WebConfigurationProperty -PSPath '${APPHOST}' -Filter "${reports}" -Name processModel
[pscustomobject]@{ identityType = $pm.identityType; userName = $pm.userName; logonType = $pm.logonType; type = $pm.PSObject.TypeNames[0] }
$rt = Get-WebConfigurationProperty -PSPath '${APPHOST}' -Filter "${reports}" -Name managedRuntimeVersion
[pscustomobject]@{ value = $rt.Value; type = $rt.PSObject.TypeNames[0] }
Get-WebConfigurationProperty -PSPath '${APPHOST}' -Filter "${reports}" -Name managedPipelineMode
(Get-WebConfigurationProperty -PSPath '${APPHOST}' -Filter "${reports}" -Name managedPipelineMode).GetType().Name`)) as unknown[];
    assert.deepEqual(element, {
      identityType: 'ApplicationPoolIdentity',
      userName: '',
      logonType: 'LogonBatch',
      type: 'Microsoft.IIs.PowerShell.Framework.ConfigurationElement#processModel',
    });
    assert.deepEqual(runtime, { value: 'v4.0', type: 'Microsoft.IIs.PowerShell.Framework.ConfigurationAttribute' });
    assert.equal(pipeline, 'Integrated');
    assert.equal(kind, 'String');
  });

  it('sets runtime (No Managed Code), pipeline and identity and reads them back; a filter matching nothing reads nothing and sets nothing', async () => {
    await session.run(setIdentity('Reports', 'CONTOSO\\svc-web$'));
    await run(`Set-WebConfigurationProperty -PSPath '${APPHOST}' -Filter "${reports}" -Name managedRuntimeVersion -Value ''
Set-WebConfigurationProperty -PSPath '${APPHOST}' -Filter "${reports}" -Name managedPipelineMode -Value Classic`);
    const out =
      await run(`(Get-WebConfigurationProperty -PSPath '${APPHOST}' -Filter "${reports}/processModel" -Name userName).Value
Get-WebConfigurationProperty -PSPath '${APPHOST}' -Filter "${reports}/processModel" -Name identityType
(Get-WebConfigurationProperty -PSPath '${APPHOST}' -Filter "${reports}" -Name managedRuntimeVersion).Value
(Get-IISAppPool -Name Reports).ManagedPipelineMode
@(Get-WebConfigurationProperty -PSPath '${APPHOST}' -Filter "system.applicationHost/applicationPools/add[@name='Nope']" -Name processModel).Count`);
    assert.deepEqual(out, ['CONTOSO\\svc-web$', 'SpecificUser', '', 'Classic', 0]);
    const pool = labState(dir).hosts.WEB01?.iis?.appPools.find((p) => p.name === 'Reports');
    assert.deepEqual(pool?.processModel, {
      identityType: 'SpecificUser',
      userName: 'CONTOSO\\svc-web$',
      password: '',
      loadUserProfile: true,
    });
    const envelope = await session.invoke(
      trusted(
        `Set-WebConfigurationProperty -PSPath '${APPHOST}' -Filter "system.applicationHost/applicationPools/add[@name='Nope']/processModel" -Name identityType -Value SpecificUser`,
      ),
    );
    assert.equal(envelope.ok, true);
    assert.match(String(envelope.warnings[0]), /not found at path 'MACHINE\/WEBROOT\/APPHOST'/);
    assert.equal(labState(dir).hosts.WEB01?.iis?.appPools.length, 2);
  });

  it('a gMSA without "Log on as a batch job": the identity change recycles the pool, which stops; WAS logs 5021, 5057, 5059', async () => {
    // No Restart-WebAppPool: WAS recycles a Started pool itself when its processModel changes.
    await session.run(setIdentity('Reports', 'CONTOSO\\svc-web$'));
    assert.deepEqual(await run("(Get-WebAppPoolState -Name 'Reports').Value"), ['Stopped']);
    const events = (await run(
      `Get-WinEvent -FilterHashtable ${WAS_EVENTS} | ForEach-Object { [pscustomobject]@{ id = $_.Id; level = $_.LevelDisplayName; message = $_.Message } }`,
    )) as { id: number; level: string; message: string }[];
    assert.deepEqual(
      events.map((e) => [e.id, e.level]),
      [
        [5059, 'Error'],
        [5057, 'Warning'],
        [5021, 'Warning'],
      ],
    );
    assert.match(
      events[2]?.message ?? '',
      /^The identity of application pool Reports is invalid\. .*batch logon rights/,
    );
    // A stopped pool has no worker process to recycle: the real cmdlet's HRESULT.
    const failed = await session.invoke(trusted('Restart-WebAppPool -Name Reports'));
    assert.match(failed.errors[0]?.message ?? '', /0x800710D8/);
  });

  it('with the right held through IIS_IUSRS (the group IIS setup grants it to) the pool starts', async () => {
    await run("Add-ADGroupMember -Identity 'IIS_IUSRS' -Members 'svc-web$'");
    await run('Start-WebAppPool -Name Reports');
    assert.deepEqual(await run("(Get-WebAppPoolState -Name 'Reports').Value"), ['Started']);
    await run("Remove-ADGroupMember -Identity 'IIS_IUSRS' -Members 'svc-web$' -Confirm:$false");
  });

  it('with the right granted directly the pool starts', async () => {
    await run('Stop-WebAppPool -Name Reports');
    await run("Grant-MsaUserRight -Right SeBatchLogonRight -Account 'CONTOSO\\svc-web$' | Out-Null");
    await run('Start-WebAppPool -Name Reports');
    assert.deepEqual(await run("(Get-WebAppPoolState -Name 'Reports').Value"), ['Started']);
  });

  it('a gMSA this host may not retrieve: the pool stops with the events, though the right is held', async () => {
    await run("Grant-MsaUserRight -Right SeBatchLogonRight -Account 'CONTOSO\\svc-other$' | Out-Null");
    const before = ((await run(`@(Get-WinEvent -FilterHashtable ${WAS_EVENTS}).Count`)) as number[])[0] ?? 0;
    await session.run(setIdentity('DefaultAppPool', 'CONTOSO\\svc-other$'));
    assert.deepEqual(await run("(Get-WebAppPoolState -Name 'DefaultAppPool').Value"), ['Stopped']);
    const messages = (await run(
      `Get-WinEvent -FilterHashtable ${WAS_EVENTS} -MaxEvents 3 | ForEach-Object { $_.Message }`,
    )) as string[];
    assert.equal(((await run(`@(Get-WinEvent -FilterHashtable ${WAS_EVENTS}).Count`)) as number[])[0], before + 3);
    assert.ok(messages.every((m) => /application pool DefaultAppPool /i.test(m)));
  });

  it('IISAdministration: attribute values read and written, held back by a commit delay until it ends', async () => {
    const out = await run(`New-WebAppPool -Name 'Delayed' | Out-Null
$pm = (Get-IISAppPool -Name 'Delayed').ProcessModel
Start-IISCommitDelay
Set-IISConfigAttributeValue -ConfigElement $pm -AttributeName 'identityType' -AttributeValue 'NetworkService'
Get-WebConfigurationProperty -PSPath '${APPHOST}' -Filter "system.applicationHost/applicationPools/add[@name='Delayed']/processModel" -Name identityType
Stop-IISCommitDelay
Get-IISConfigAttributeValue -ConfigElement (Get-IISAppPool -Name 'Delayed').ProcessModel -AttributeName 'identityType'
(Get-IISConfigSection -SectionPath 'system.applicationHost/applicationPools').PSObject.TypeNames[0]`);
    assert.deepEqual(out, [
      'ApplicationPoolIdentity',
      'NetworkService',
      'Microsoft.Web.Administration.ConfigurationSection',
    ]);
  });

  it("a pool name with a quote stays data: XPath's double-quoted literal finds it", async () => {
    const name = "O'Brien Reports";
    const out = await session.run(ps`New-WebAppPool -Name ${name} | Out-Null
$filter = 'system.applicationHost/applicationPools/add[@name="' + ${name} + '"]/processModel'
(Get-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Filter $filter -Name identityType)
(Get-WebAppPoolState -Name ${name}).ItemXPath`);
    assert.deepEqual(out, ['ApplicationPoolIdentity', `/system.applicationHost/applicationPools/add[@name="${name}"]`]);
  });

  it('refuses what it does not model, and errors as IIS does', async () => {
    const unsupported = await session.invoke(
      trusted(
        "Get-WebConfigurationProperty -PSPath 'IIS:\\AppPools\\Reports' -Filter 'processModel' -Name identityType",
      ),
    );
    assert.equal(unsupported.errors[0]?.type, 'System.NotSupportedException');
    const stopTwice = await session.invoke(trusted('Stop-WebAppPool -Name DefaultAppPool'));
    assert.deepEqual(
      [stopTwice.errors[0]?.fqid, stopTwice.errors[0]?.message],
      [
        'InvalidOperation,Microsoft.IIs.PowerShell.Provider.StopAppPoolCommand',
        'Object on target path is already stopped.',
      ],
    );
    const duplicate = await session.invoke(trusted("New-WebAppPool -Name 'Reports'"));
    assert.match(duplicate.errors[0]?.message ?? '', /Destination element already exists/);
    const badEnum = await session.invoke(
      trusted(
        `Set-WebConfigurationProperty -PSPath '${APPHOST}' -Filter "${reports}/processModel" -Name identityType -Value Nobody`,
      ),
    );
    assert.match(
      badEnum.errors[0]?.message ?? '',
      /^Enum must be one of LocalSystem, LocalService, NetworkService, SpecificUser, ApplicationPoolIdentity/,
    );
  });
});

describe('the lab IIS where it is not installed or not elevated', () => {
  const session = labSession(newLab('iis-host'), { computer: 'APP01' });
  after(() => session.dispose());

  it('on a host without Web-Server the cmdlets do not exist', async () => {
    const envelope = await session.invoke(trusted("Get-WebAppPoolState -Name 'Reports'"));
    assert.equal(envelope.errors[0]?.type, 'System.Management.Automation.CommandNotFoundException');
  });

  it('reading applicationHost.config needs an elevated administrator', async () => {
    const dir = newLab('not-admin');
    await session.run(
      ps`Initialize-LabSession -LabDir ${dir} -ModuleRoot ${LAB_MODULE_ROOT} -RsatModuleRoot ${LAB_RSAT_MODULE_ROOT} -Computer 'WEB01' -User 'helpdesk'`,
    );
    // not-admin has no IIS: install the feature first, as an admin would have.
    await session.run(
      trusted("Update-LabState -Script { param($s) $s.hosts.WEB01.features['Web-Server'] = $true } | Out-Null"),
    );
    const envelope = await session.invoke(trusted('Get-IISAppPool'));
    assert.equal(envelope.errors[0]?.type, 'System.UnauthorizedAccessException');
    assert.match(envelope.errors[0]?.message ?? '', /Cannot read configuration file due to insufficient permissions/);
  });
});
