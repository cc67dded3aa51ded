// The lab's Windows services against real pwsh: the service cmdlets (LabServices), CIM's Win32_Service with its
// documented methods and return values (CimCmdlets), the SCM's logon checks (the "Log on as a service" right, a
// gMSA's password retrieval, a user's stored password, one account per shared process) with the System log events
// Windows writes, and Get-Acl / Set-Acl on the host's files. Scenario service-host: WEB01 runs ReportSvc as
// CONTOSO\svc-report and ReportCollector (depends on it) as LocalSystem.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readLab } from '../../electron/lab/lab.js';
import { labState, sharedLabSession } from '../helpers/lab.js';

const useLab = sharedLabSession();

/** Creates the gMSA CONTOSO\svc-app$ that WEB01 may retrieve directly (its computer account is allowed). */
const NEW_GMSA = `New-ADServiceAccount -Name 'svc-app' -DNSHostName 'svc-app.contoso.com' -PrincipalsAllowedToRetrieveManagedPassword 'WEB01$'`;
const GRANT = `Grant-MsaUserRight -Right SeServiceLogonRight -Account 'CONTOSO\\svc-app$' | Out-Null`;
/** The error's inner Win32 code, as a script reads it: $_.Exception.InnerException.InnerException.NativeErrorCode. */
const startCode = (name: string): string =>
  `try { Start-Service -Name '${name}' -ErrorAction Stop; 0 } catch { $_.Exception.InnerException.InnerException.NativeErrorCode }`;
const change = (name: string, args: string): string =>
  `(Get-CimInstance -ClassName Win32_Service -Filter "Name='${name}'" | Invoke-CimMethod -MethodName Change -Arguments @{ ${args} }).ReturnValue`;
const cim = (name: string, method: string): string =>
  `(Get-CimInstance -ClassName Win32_Service -Filter "Name='${name}'" | Invoke-CimMethod -MethodName ${method}).ReturnValue`;
const eventIds = `@(Get-WinEvent -FilterHashtable @{ LogName = 'System'; ProviderName = 'Service Control Manager'; Id = 7000, 7038, 7041 } -ErrorAction SilentlyContinue | ForEach-Object { $_.Id })`;

describe('Get-Service and the other service cmdlets (docs examples)', () => {
  const lab = useLab('service-host');

  it('Get-Service -Name, -DisplayName, wildcards, -DependentServices and -RequiredServices', async () => {
    assert.deepEqual(
      await lab.run("Get-Service -Name 'ReportSvc', 'Schedule' | ForEach-Object { [string]$_.Status }"),
      ['Running', 'Running'],
    );
    assert.deepEqual(await lab.run("(Get-Service -DisplayName 'Contoso*').Name"), ['ReportCollector', 'ReportSvc']);
    assert.deepEqual(await lab.run("(Get-Service -Name 'ReportSvc' -DependentServices).Name"), ['ReportCollector']);
    assert.deepEqual(await lab.run("(Get-Service -Name 'ReportCollector' -RequiredServices).Name"), ['ReportSvc']);
    assert.deepEqual(await lab.run("[string](Get-Service -Name 'Spooler').StartType"), ['Automatic']);
    const missing = await lab.fail("Get-Service -Name 'NoSuchSvc' -ErrorAction Stop");
    // The real id; a lab function's WriteError adds its own name after it (a compiled cmdlet's record has none).
    assert.match(
      missing.fqid,
      /^NoServiceFoundForGivenName,Microsoft\.PowerShell\.Commands\.GetServiceCommand(,Get-Service)?$/,
    );
    // Non-terminating, as ServiceBaseCommand writes it: the other names are served, SilentlyContinue silences it.
    assert.deepEqual(
      await lab.run("@(Get-Service -Name 'NoSuchSvc', 'ReportSvc' -ErrorAction SilentlyContinue).Name"),
      ['ReportSvc'],
    );
  });

  it('Stop-Service refuses a service with running dependents unless -Force; Restart-Service -Force restarts them too', async () => {
    const refused = await lab.fail("Stop-Service -Name 'ReportSvc'");
    assert.equal(refused.fqid, 'ServiceHasDependentServices,Microsoft.PowerShell.Commands.StopServiceCommand');
    assert.equal(
      refused.message,
      "Cannot stop service 'Contoso Report Service (ReportSvc)' because it has dependent services. It can only be stopped if the Force flag is set.",
    );
    const before = await lab.run(
      '(Get-CimInstance -ClassName Win32_Service -Filter "Name=\'ReportCollector\'").ProcessId',
    );
    await lab.run("Restart-Service -Name 'ReportSvc' -Force");
    const after = await lab.run(
      "Get-CimInstance -Query \"SELECT * FROM Win32_Service WHERE Name LIKE 'Report%'\" | ForEach-Object { $_.Name + ' ' + $_.State }",
    );
    assert.deepEqual(after, ['ReportCollector Running', 'ReportSvc Running']);
    const pid = await lab.run(
      '(Get-CimInstance -ClassName Win32_Service -Filter "Name=\'ReportCollector\'").ProcessId',
    );
    assert.notDeepEqual(pid, before, 'ReportCollector was stopped and started again (a new process)');
  });

  it('New-Service creates a stopped service; Win32_Service.Delete removes it', async () => {
    await lab.run(
      "New-Service -Name 'LedgerSvc' -BinaryPathName 'C:\\Windows\\System32\\svchost.exe -k ledger' -DisplayName 'Ledger' -StartupType Manual | Out-Null",
    );
    assert.deepEqual(await lab.run("$s = Get-Service -Name 'LedgerSvc'; [string]$s.Status; [string]$s.StartType"), [
      'Stopped',
      'Manual',
    ]);
    const exists = await lab.fail("New-Service -Name 'LedgerSvc' -BinaryPathName 'C:\\x.exe'");
    assert.equal(exists.fqid, 'CouldNotNewService,Microsoft.PowerShell.Commands.NewServiceCommand');
    assert.deepEqual(await lab.run(cim('LedgerSvc', 'Delete')), [0]);
    assert.deepEqual(await lab.run("@(Get-Service -Name 'Ledger*').Count"), [0]);
  });

  it('a running service deleted stays, marked for deletion (16), until it stops', async () => {
    assert.deepEqual(await lab.run(cim('ReportCollector', 'Delete')), [0]);
    assert.deepEqual(await lab.run(cim('ReportCollector', 'Delete')), [16]);
    assert.deepEqual(await lab.run(cim('ReportCollector', 'StopService')), [0]);
    assert.deepEqual(await lab.run("@(Get-Service -Name 'ReportCollector*').Count"), [0]);
  });
});

describe('CIM Win32_Service (docs examples)', () => {
  const lab = useLab('service-host');

  it('-Filter and -Query read the real properties; another class is "Invalid class"', async () => {
    const [spooler] = (await lab.run(
      'Get-CimInstance -ClassName Win32_Service -Filter "Name=\'Spooler\'" | Select-Object Name, DisplayName, StartName, StartMode, State, PathName, ServiceType, Started',
    )) as Record<string, unknown>[];
    assert.deepEqual(spooler, {
      Name: 'Spooler',
      DisplayName: 'Print Spooler',
      StartName: 'LocalSystem',
      StartMode: 'Auto',
      State: 'Running',
      PathName: 'C:\\Windows\\System32\\spoolsv.exe',
      ServiceType: 'Own Process',
      Started: true,
    });
    // In a WQL string the backslash escapes: CONTOSO\\svc-report is the account CONTOSO\svc-report.
    assert.deepEqual(
      await lab.run(
        '(Get-CimInstance -Query "SELECT * FROM Win32_Service WHERE StartName = \'CONTOSO\\\\svc-report\'").Name',
      ),
      ['ReportSvc'],
    );
    assert.deepEqual(
      await lab.run(
        '@(Get-CimInstance -Query "SELECT * FROM Win32_Service WHERE StartName = \'CONTOSO\\svc-report\'").Count',
      ),
      [0],
    );
    const invalid = await lab.fail('Get-CimInstance -ClassName Win32_BIOS');
    assert.equal(
      invalid.fqid,
      'HRESULT 0x80041010,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand',
    );
    const query = await lab.fail('Get-CimInstance -ClassName Win32_Service -Filter "Name = "');
    assert.equal(query.fqid, 'HRESULT 0x80041017,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand');
  });

  it('Invoke-CimMethod returns ReturnValue: 10 already running, 5 stop a stopped service, 21 bad start mode, 22 unknown account', async () => {
    const [result] = (await lab.run(
      'Get-CimInstance -ClassName Win32_Service -Filter "Name=\'Spooler\'" | Invoke-CimMethod -MethodName StartService | ForEach-Object { [ordered]@{ type = $_.PSObject.TypeNames[0]; value = $_.ReturnValue } }',
    )) as { type: string; value: number }[];
    assert.deepEqual(result, { type: 'Microsoft.Management.Infrastructure.CimMethodResult', value: 10 });
    assert.deepEqual(await lab.run(cim('Spooler', 'StopService')), [0]);
    assert.deepEqual(await lab.run(cim('Spooler', 'StopService')), [5]);
    assert.deepEqual(
      await lab.run(
        "(Get-CimInstance -ClassName Win32_Service -Filter \"Name='Spooler'\" | Invoke-CimMethod -MethodName ChangeStartMode -Arguments @{ StartMode = 'Sometimes' }).ReturnValue",
      ),
      [21],
    );
    assert.deepEqual(await lab.run(change('Spooler', "StartName = 'CONTOSO\\nobody$'; StartPassword = $null")), [22]);
    // A gMSA is named with its trailing $: without it, the name maps to nothing.
    await lab.run(NEW_GMSA);
    assert.deepEqual(await lab.run(change('Spooler', "StartName = 'CONTOSO\\svc-app'; StartPassword = $null")), [22]);
    const bad = await lab.fail(
      "Get-CimInstance -ClassName Win32_Service -Filter \"Name='Spooler'\" | Invoke-CimMethod -MethodName Change -Arguments @{ Password = 'x' }",
    );
    assert.equal(bad.fqid, 'HRESULT 0x8004102f,Microsoft.Management.Infrastructure.CimCmdlets.InvokeCimMethodCommand');
  });
});

describe('the SCM logs a gMSA on only with the right and the password (service-host)', () => {
  const lab = useLab('service-host');

  it('Change to the gMSA (null password) is 0; starting without "Log on as a service" is 1069 with events 7041 and 7000', async () => {
    await lab.run(NEW_GMSA);
    assert.deepEqual(await lab.run(change('Spooler', "StartName = 'CONTOSO\\svc-app$'; StartPassword = $null")), [0]);
    assert.deepEqual(await lab.run('(Get-CimInstance -ClassName Win32_Service -Filter "Name=\'Spooler\'").StartName'), [
      'CONTOSO\\svc-app$',
    ]);
    // The account changes at the next start; the running process keeps its old one.
    assert.deepEqual(await lab.run("[string](Get-Service -Name 'Spooler').Status"), ['Running']);
    const failed = await lab.fail("Restart-Service -Name 'Spooler'");
    assert.equal(failed.fqid, 'CouldNotStartService,Microsoft.PowerShell.Commands.RestartServiceCommand');
    assert.equal(
      failed.message,
      "Service 'Print Spooler (Spooler)' cannot be started due to the following error: Cannot start service Spooler on computer '.'.",
    );
    assert.deepEqual(await lab.run(startCode('Spooler')), [1069]);
    assert.deepEqual(await lab.run(cim('Spooler', 'StartService')), [15]);
    const [message] = (await lab.run(
      "(Get-WinEvent -FilterHashtable @{ LogName = 'System'; Id = 7041 } -MaxEvents 1).Message",
    )) as string[];
    assert.match(
      message ?? '',
      /^The Spooler service was unable to log on as CONTOSO\\svc-app\$ with the currently configured password/,
    );
    assert.match(
      message ?? '',
      /Logon failure: the user has not been granted the requested logon type at this computer\./,
    );
    const [seven] = (await lab.run(
      "(Get-WinEvent -FilterHashtable @{ LogName = 'System'; ProviderName = 'Service Control Manager'; Id = 7000 } -MaxEvents 1).Message",
    )) as string[];
    assert.equal(
      seven,
      'The Print Spooler service failed to start due to the following error: \r\nThe service did not start due to a logon failure.',
    );
    assert.deepEqual(await lab.run("[string](Get-Service -Name 'Spooler').Status"), ['Stopped']);
  });

  it('granted the right (Grant-MsaUserRight), it starts and runs as the gMSA', async () => {
    await lab.run(GRANT);
    await lab.run("Start-Service -Name 'Spooler'");
    const [row] = (await lab.run(
      'Get-CimInstance -ClassName Win32_Service -Filter "Name=\'Spooler\'" | ForEach-Object { [ordered]@{ state = $_.State; account = $_.StartName; pid = $_.ProcessId; exit = $_.ExitCode } }',
    )) as { state: string; account: string; pid: number; exit: number }[];
    assert.equal(row?.state, 'Running');
    assert.equal(row?.account, 'CONTOSO\\svc-app$');
    assert.ok((row?.pid ?? 0) > 0);
    assert.equal(row?.exit, 0);
  });

  it('WEB01 no longer in the retrieval group (ticket purged): 1069 with 7038, not 7041', async () => {
    await lab.run(`New-ADGroup -Name 'gMSA-Hosts' -GroupScope Global -Path 'OU=Service Groups,DC=contoso,DC=com'
Add-ADGroupMember -Identity 'gMSA-Hosts' -Members 'WEB01$'
Set-ADServiceAccount -Identity 'svc-app' -PrincipalsAllowedToRetrieveManagedPassword 'gMSA-Hosts'
klist purge -li 0x3e7 | Out-Null`);
    await lab.run("Restart-Service -Name 'Spooler'");
    await lab.run(`Remove-ADGroupMember -Identity 'gMSA-Hosts' -Members 'WEB01$' -Confirm:$false
klist purge -li 0x3e7 | Out-Null`);
    assert.deepEqual(await lab.run("Stop-Service -Name 'Spooler'; " + startCode('Spooler')), [1069]);
    const [message] = (await lab.run(
      "(Get-WinEvent -FilterHashtable @{ LogName = 'System'; Id = 7038 } -MaxEvents 1).Message",
    )) as string[];
    assert.match(
      message ?? '',
      /^The Spooler service was unable to log on as CONTOSO\\svc-app\$ with the currently configured password due to the following error: \r\nThe user name or password is incorrect\./,
    );
  });

  it('a shared process runs one account: the gMSA in the NetworkService svchost is 1079', async () => {
    assert.deepEqual(await lab.run(change('WinRM', "StartName = 'CONTOSO\\svc-app$'; StartPassword = $null")), [0]);
    await lab.run(`Set-ADServiceAccount -Identity 'svc-app' -PrincipalsAllowedToRetrieveManagedPassword 'WEB01$'`);
    assert.deepEqual(await lab.run("Stop-Service -Name 'WinRM'; " + startCode('WinRM')), [1079]);
    assert.deepEqual(await lab.run(cim('WinRM', 'StartService')), [8]);
  });

  it('a user account the SCM holds no password for (set with a null password) is 1069 with 7038', async () => {
    assert.deepEqual(
      await lab.run(change('ReportSvc', "StartName = 'CONTOSO\\svc-backup'; StartPassword = $null")),
      [0],
    );
    await lab.run("Grant-MsaUserRight -Right SeServiceLogonRight -Account 'CONTOSO\\svc-backup' | Out-Null");
    assert.deepEqual(await lab.run("Stop-Service -Name 'ReportSvc' -Force; " + startCode('ReportSvc')), [1069]);
    // Back to the user whose password the SCM still holds (a null password leaves it): it starts again.
    assert.deepEqual(
      await lab.run(change('ReportSvc', "StartName = 'CONTOSO\\svc-report'; StartPassword = $null")),
      [0],
    );
    assert.deepEqual(await lab.run(startCode('ReportSvc')), [0]);
    assert.ok((await lab.run(eventIds)).length >= 4);
  });

  it('the state file still passes the schema', () => {
    const state = readLab(lab.dir);
    const web = state.hosts.WEB01;
    assert.ok(web?.services?.some((s) => s.name === 'Spooler' && s.account === 'CONTOSO\\svc-app$'));
    assert.ok((web?.systemEvents?.length ?? 0) > 0);
  });
});

describe('gpo-managed-service-right', () => {
  const lab = useLab('gpo-managed-service-right');

  it('a domain GPO defines "Log on as a service" on WEB01: a local grant goes at the next gpupdate /force', async () => {
    const [info] = (await lab.run(
      'Get-MsaUserRight -Right SeServiceLogonRight | ForEach-Object { [ordered]@{ gpo = $_.GpoName; managed = $_.ManagedByGpo } }',
    )) as { gpo: string; managed: boolean }[];
    assert.deepEqual(info, { gpo: 'Server Baseline', managed: true });
    await lab.run(NEW_GMSA);
    await lab.run(GRANT);
    assert.deepEqual(await lab.run(change('Spooler', "StartName = 'CONTOSO\\svc-app$'; StartPassword = $null")), [0]);
    assert.deepEqual(await lab.run("Stop-Service -Name 'Spooler'; " + startCode('Spooler')), [0]);
    await lab.run('gpupdate /force | Out-Null');
    assert.deepEqual(await lab.run("Stop-Service -Name 'Spooler'; " + startCode('Spooler')), [1069]);
    assert.deepEqual(
      await lab.run("(Get-WinEvent -FilterHashtable @{ LogName = 'System'; Id = 7041 } -MaxEvents 1).Id"),
      [7041],
    );
    // ReportSvc's account is in the GPO: it keeps starting.
    assert.deepEqual(
      await lab.run("Restart-Service -Name 'ReportSvc' -Force; [string](Get-Service -Name 'ReportSvc').Status"),
      ['Running'],
    );
  });
});

describe('Get-Acl / Set-Acl on the host (service binaries and folders)', () => {
  const lab = useLab('service-host');
  const writers = (path: string): string =>
    `@((Get-Acl -Path '${path}').Access | Where-Object { [string]$_.FileSystemRights -match 'Modify|FullControl|Write' } | ForEach-Object { [string]$_.IdentityReference })`;

  it('a binary under C:\\Program Files is writable only by administrators; C:\\Scripts by Authenticated Users', async () => {
    assert.deepEqual(await lab.run(writers('C:\\Program Files\\Contoso\\Reports\\ReportService.exe')), [
      'NT SERVICE\\TrustedInstaller',
      'NT AUTHORITY\\SYSTEM',
      'BUILTIN\\Administrators',
    ]);
    assert.ok(
      (await lab.run(writers('C:\\Scripts\\Nightly-Report.ps1'))).includes('NT AUTHORITY\\Authenticated Users'),
    );
    const missing = await lab.fail("Get-Acl -Path 'C:\\Nowhere\\x.exe'");
    assert.equal(missing.fqid, 'GetAcl_PathNotFound_Exception,Microsoft.PowerShell.Commands.GetAclCommand');
  });

  it('Set-Acl stores the folder protected without Authenticated Users; its files inherit that', async () => {
    await lab.run(`$acl = Get-Acl -Path 'C:\\Scripts'
$acl.SetAccessRuleProtection($true, $true)
foreach ($r in @($acl.Access | Where-Object { [string]$_.IdentityReference -eq 'NT AUTHORITY\\Authenticated Users' })) { [void]$acl.RemoveAccessRule($r) }
Set-Acl -Path 'C:\\Scripts' -AclObject $acl`);
    assert.deepEqual(await lab.run(writers('C:\\Scripts\\Nightly-Report.ps1')), [
      'BUILTIN\\Administrators',
      'NT AUTHORITY\\SYSTEM',
    ]);
    assert.deepEqual(await lab.run("(Get-Acl -Path 'C:\\Scripts').AreAccessRulesProtected"), [true]);
    assert.deepEqual(
      await lab.run(
        "@((Get-Acl -Path 'C:\\Scripts\\Nightly-Report.ps1').Access | ForEach-Object { $_.IsInherited }) -notcontains $false",
      ),
      [true],
    );
    assert.equal(labState(lab.dir).hosts.WEB01?.acls?.['C:\\Scripts']?.protected, true);
  });
});
