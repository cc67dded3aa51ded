// The migration scenarios against real pwsh: what discovery reads on each host and in AD is there, as the
// cmdlets show it, and the lab's logon rules keep the story true when a job runs again (a task whose user's stored
// password the DC refuses records 0x8007052E, a service as that user fails 1069 with event 7038; without "Log on as
// a batch job" a task records 0x80070569).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LAB_MODULE_ROOT, LAB_RSAT_MODULE_ROOT } from '../../electron/lab/lab.js';
import { findScenario } from '../../electron/lab/scenarios.js';
import { MANY_HOSTS, plantedJobs } from '../../electron/lab/scenarios/many-hosts.js';
import { RESULT_LOGON_TYPE } from '../../electron/lab/scenarios/migration.js';
import { ps } from '../../electron/common/powershell/script.js';
import { type BoundLab, labState, sharedLabSession } from '../helpers/lab.js';

const useLab = sharedLabSession();

const TASK = "-TaskPath '\\Reports\\' -TaskName 'Export inactive users'";
const LOGON_FAILURE = 0x8007052e;

/** Re-binds the shared session to another computer of the same lab, as its own console would run. */
async function onComputer(lab: BoundLab, computer: string): Promise<void> {
  await lab.session.run(
    ps`Initialize-LabSession -LabDir ${lab.dir} -ModuleRoot ${LAB_MODULE_ROOT} -RsatModuleRoot ${LAB_RSAT_MODULE_ROOT} -Computer ${computer}`,
  );
}

/** The Win32 error of a service start, as a script reads it. */
const startCode = (name: string): string =>
  `try { Start-Service -Name '${name}' -ErrorAction Stop; 0 } catch { $_.Exception.InnerException.InnerException.NativeErrorCode }`;

describe('password-expired: the task, the account, the folder and the service', () => {
  const lab = useLab('password-expired');

  it("WEB01's task runs as CONTOSO\\svc-report-user with a stored password and failed its last run: 0x8007052E", async () => {
    await onComputer(lab, 'WEB01');
    const [principal] = await lab.run(
      `$p = (Get-ScheduledTask ${TASK}).Principal; $p.UserId + '|' + [string]$p.LogonType`,
    );
    assert.equal(principal, 'CONTOSO\\svc-report-user|Password');
    const [action] = await lab.run(
      `$a = (Get-ScheduledTask ${TASK}).Actions[0]; $a.Execute + '|' + $a.WorkingDirectory`,
    );
    assert.equal(action, 'powershell.exe|C:\\Scripts\\Reports');
    const [info] = (await lab.run(
      `$i = Get-ScheduledTaskInfo ${TASK}; @{ result = [long]$i.LastTaskResult; last = $i.LastRunTime.ToString('HH:mm'); next = $i.NextRunTime.ToString('HH:mm'); hours = ($i.NextRunTime - $i.LastRunTime).TotalHours }`,
    )) as { result: number; last: string; next: string; hours: number }[];
    assert.ok(info !== undefined);
    assert.equal(info.result, LOGON_FAILURE);
    // A daily 02:00 trigger: the last run was the latest 02:00, the next is the one after it.
    assert.deepEqual([info.last, info.next, info.hours], ['02:00', '02:00', 24]);
  });

  it('its history: good runs until the password expired, then a logon failure (event 101) every night', async () => {
    const events = (await lab.run(
      "$t = (Get-LabState).hosts['WEB01'].tasks | Where-Object { $_.taskName -eq 'Export inactive users' }; $t.history | ForEach-Object { [int]$_.eventId }",
    )) as number[];
    // Five nightly runs: the two before the expiry three days ago ran, the three after it failed.
    assert.deepEqual(
      events.filter((e) => e === 101 || e === 102),
      [102, 102, 101, 101, 101],
    );
  });

  it('Get-ADUser: the password expired 3 days ago (Domain Admins PSO, 90 days), SPN, groups', async () => {
    const [user] = (await lab.run(
      "$u = Get-ADUser -Identity 'svc-report-user' -Properties PasswordExpired, 'msDS-UserPasswordExpiryTimeComputed', PasswordLastSet, MemberOf, ServicePrincipalName, PasswordNeverExpires; " +
        "@{ expired = $u.PasswordExpired; never = $u.PasswordNeverExpires; enabled = $u.Enabled; daysExpired = ((Get-Date) - [DateTime]::FromFileTime($u.'msDS-UserPasswordExpiryTimeComputed')).TotalDays; daysSet = ((Get-Date) - $u.PasswordLastSet).TotalDays; memberOf = @($u.MemberOf); spn = @($u.ServicePrincipalName) }",
    )) as {
      expired: boolean;
      never: boolean;
      enabled: boolean;
      daysExpired: number;
      daysSet: number;
      memberOf: string[];
      spn: string[];
    }[];
    assert.ok(user !== undefined);
    assert.deepEqual([user.expired, user.never, user.enabled], [true, false, true]);
    assert.equal(Math.round(user.daysExpired), 3);
    assert.equal(Math.round(user.daysSet), 93);
    assert.deepEqual([...user.memberOf].sort(), [
      'CN=Domain Admins,CN=Users,DC=contoso,DC=com',
      'CN=Report Readers,CN=Users,DC=contoso,DC=com',
    ]);
    assert.deepEqual(user.spn, ['HTTP/reports.contoso.com']);
  });

  it("the script's folder gives the account Modify (explicit, inherited by its files)", async () => {
    const rules = await lab.run(
      "(Get-Acl -Path 'C:\\Scripts\\Reports').Access | Where-Object { -not $_.IsInherited } | ForEach-Object { [string]$_.IdentityReference + '|' + [string]$_.FileSystemRights + '|' + [string]$_.InheritanceFlags }",
    );
    assert.deepEqual(rules, ['CONTOSO\\svc-report-user|Modify, Synchronize|ContainerInherit, ObjectInherit']);
    assert.deepEqual(await lab.run("Test-Path -Path 'C:\\Scripts\\Reports\\Export-InactiveUsers.ps1'"), [true]);
  });

  it('running the task again fails the same way (the stored password no longer logs the user on)', async () => {
    await lab.run(`Start-ScheduledTask ${TASK}`);
    assert.deepEqual(await lab.run(`[long](Get-ScheduledTaskInfo ${TASK}).LastTaskResult`), [LOGON_FAILURE]);
  });

  it('APP01 runs ReportSync as the same user (still running: it logged on before the password expired)', async () => {
    await onComputer(lab, 'APP01');
    const [svc] = await lab.run(
      "$s = Get-CimInstance -ClassName Win32_Service -Filter \"Name='ReportSync'\"; $s.StartName + '|' + $s.State + '|' + $s.StartMode",
    );
    assert.equal(svc, 'CONTOSO\\svc-report-user|Running|Auto');
  });

  it('its next start fails 1069, with event 7038 saying the password expired', async () => {
    await lab.run("Stop-Service -Name 'ReportSync'");
    assert.deepEqual(await lab.run(startCode('ReportSync')), [1069]);
    const [message] = await lab.run(
      "(Get-WinEvent -FilterHashtable @{ LogName = 'System'; Id = 7038 } -MaxEvents 1).Message",
    );
    assert.match(
      String(message),
      /unable to log on as CONTOSO\\svc-report-user .*\r?\nThe password for this account has expired\./,
    );
    assert.deepEqual(
      await lab.run('(Get-CimInstance -ClassName Win32_Service -Filter "Name=\'ReportSync\'").ExitCode'),
      [1069],
    );
  });

  it('once the DC accepts the password again (PasswordNeverExpires), the service starts and the task runs', async () => {
    await lab.run("Set-ADUser -Identity 'svc-report-user' -PasswordNeverExpires $true");
    assert.deepEqual(await lab.run(startCode('ReportSync')), [0]);
    await onComputer(lab, 'WEB01');
    await lab.run(`Start-ScheduledTask ${TASK}`);
    assert.deepEqual(await lab.run(`[long](Get-ScheduledTaskInfo ${TASK}).LastTaskResult`), [0]);
  });

  it('a locked-out account fails the same way: the task 0x8007052E, the service 1069 (7038: locked out)', async () => {
    // The DC locks the account after bad passwords: lockoutTime is now (the Admins PSO locks for 30 minutes). No
    // cmdlet sets it (AD accepts only 0, an unlock), so the test writes the state as the DC would.
    await lab.run(
      "Update-LabState -Script { param($s) ($s.objects | Where-Object { $_.samAccountName -eq 'svc-report-user' }).attributes['lockoutTime'] = [string](Get-LabNow -State $s -Utc).ToFileTimeUtc() } | Out-Null",
    );
    await lab.run(`Start-ScheduledTask ${TASK}`);
    assert.deepEqual(await lab.run(`[long](Get-ScheduledTaskInfo ${TASK}).LastTaskResult`), [LOGON_FAILURE]);
    await onComputer(lab, 'APP01');
    await lab.run("Stop-Service -Name 'ReportSync'");
    assert.deepEqual(await lab.run(startCode('ReportSync')), [1069]);
    const [message] = await lab.run(
      "(Get-WinEvent -FilterHashtable @{ LogName = 'System'; Id = 7038 } -MaxEvents 1).Message",
    );
    assert.match(String(message), /currently locked out/);
  });
});

describe('password-expired: built from the lab clock', () => {
  it('the same moment gives the same dates; the last run is the latest 02:00 before it', () => {
    const scenario = findScenario('password-expired');
    assert.ok(scenario !== undefined);
    const now = new Date('2026-03-10T14:30:00Z');
    const dates = (): unknown => {
      const state = scenario.build(now);
      const task = state.hosts.WEB01?.tasks.find((t) => t.taskName === 'Export inactive users');
      const user = state.objects.find((o) => o.samAccountName === 'svc-report-user');
      return {
        last: task?.lastRunTime,
        registered: task?.registered,
        trigger: task?.triggers,
        attributes: user?.attributes,
      };
    };
    assert.deepEqual(dates(), dates());
    const state = scenario.build(now);
    const last = new Date(
      state.hosts.WEB01?.tasks.find((t) => t.taskName === 'Export inactive users')?.lastRunTime ?? 0,
    );
    assert.equal(last.getHours(), 2);
    assert.ok(now.getTime() - last.getTime() < 86_400_000 && last.getTime() <= now.getTime());
  });
});

describe('many-hosts: forty member servers, eight user accounts, three hosts remoting cannot read', () => {
  const lab = useLab('many-hosts');
  const jobs = plantedJobs();

  it('the forty servers are in AD (OU=Servers) and in the lab; the three unreadable ones say why', () => {
    const state = labState(lab.dir);
    assert.equal(MANY_HOSTS.length, 40);
    for (const name of MANY_HOSTS) {
      assert.ok(state.hosts[name] !== undefined, `${name} has a host`);
      const computer = state.objects.find((o) => o.objectClass === 'computer' && o.name === name);
      assert.equal(computer?.distinguishedName, `CN=${name},OU=Servers,DC=contoso,DC=com`);
    }
    assert.deepEqual(state.hosts.FILE05?.remoting, { winrm: 'Stopped' });
    assert.deepEqual(state.hosts.RPT04?.remoting, { winrm: 'Enabled', allowed: ['CONTOSO\\Branch IT'] });
    assert.equal(state.hosts.APP01?.remoting, undefined);
  });

  it('the state holds exactly the planted jobs, with the planted results', () => {
    const state = labState(lab.dir);
    const found: string[] = [];
    for (const [name, h] of Object.entries(state.hosts)) {
      for (const t of h.tasks) {
        if (t.principal.userId?.startsWith('CONTOSO\\') === true) {
          found.push(`${name}|task|${t.taskPath}${t.taskName}|${t.principal.userId}|${t.lastTaskResult}`);
        }
      }
      for (const svc of h.services ?? []) {
        if (svc.account.startsWith('CONTOSO\\'))
          found.push(`${name}|service|${svc.name}|${svc.account}|${svc.exitCode}`);
      }
      for (const pool of h.iis?.appPools ?? []) {
        if (pool.processModel.identityType === 'SpecificUser') {
          found.push(`${name}|app-pool|${pool.name}|${pool.processModel.userName}|0`);
        }
      }
    }
    const want = jobs.map((j) => `${j.host}|${j.kind}|${j.name}|${j.account}|${j.result ?? 0}`);
    assert.deepEqual(found.sort(), want.sort());
  });

  it('Invoke-Command from WEB01 reads them as each host shows them; the unreadable hosts fail as WinRM does', async () => {
    // A failing task, a still-running service whose password expired, a gMSA's task, a task without the batch right,
    // and both reasons a host can't be read (a sample: each remote runspace costs seconds of CPU).
    const sample = ['BATCH01', 'WEB07', 'FILE05', 'RPT04'];
    const found = (await lab.run(
      `Invoke-Command -ComputerName ${sample.map((h) => `'${h}'`).join(',')} -ErrorAction SilentlyContinue -ErrorVariable failed -ScriptBlock {
        Get-ScheduledTask | Where-Object { $_.Principal.UserId -like 'CONTOSO\\*' } | ForEach-Object {
          $i = $_ | Get-ScheduledTaskInfo
          [pscustomobject]@{ kind = 'task'; name = $_.TaskPath + $_.TaskName; account = $_.Principal.UserId; result = [long]$i.LastTaskResult } }
        Get-CimInstance -ClassName Win32_Service | Where-Object { $_.StartName -like 'CONTOSO\\*' } | ForEach-Object {
          [pscustomobject]@{ kind = 'service'; name = $_.Name; account = $_.StartName; result = [long]$_.ExitCode } }
        if (Get-Service -Name 'WAS' -ErrorAction SilentlyContinue) {
          Get-IISAppPool | Where-Object { [string]$_.ProcessModel.IdentityType -eq 'SpecificUser' } | ForEach-Object {
            [pscustomobject]@{ kind = 'app-pool'; name = $_.Name; account = $_.ProcessModel.UserName; result = 0 } }
        }
      } | ForEach-Object { $_.PSComputerName + '|' + $_.kind + '|' + $_.name + '|' + $_.account + '|' + $_.result }
      $failed | ForEach-Object { 'ERROR|' + [string]$_.TargetObject + '|' + $_.FullyQualifiedErrorId }`,
    )) as string[];
    const want = jobs
      .filter((j) => sample.includes(j.host) && j.state !== 'unreadable')
      .map((j) => `${j.host}|${j.kind}|${j.name}|${j.account}|${j.result ?? 0}`);
    assert.deepEqual(found.filter((l) => !l.startsWith('ERROR|')).sort(), want.sort());
    assert.deepEqual(found.filter((l) => l.startsWith('ERROR|')).sort(), [
      'ERROR|FILE05|CannotConnect,PSSessionStateBroken',
      'ERROR|RPT04|AccessDenied,PSSessionStateBroken',
    ]);
  });

  it("the accounts' password ages, as Get-ADUser computes them with the default policy (42 days)", async () => {
    const rows = (await lab.run(
      "Get-ADUser -Filter \"Name -like 'svc-*'\" -Properties PasswordExpired, PasswordNeverExpires, 'msDS-UserPasswordExpiryTimeComputed' | ForEach-Object { $e = $_.'msDS-UserPasswordExpiryTimeComputed'; $days = if ($e -ge [long]::MaxValue) { 'never' } else { [string][math]::Round(([DateTime]::FromFileTime($e) - (Get-Date)).TotalDays) }; $_.SamAccountName + '|' + $_.PasswordExpired + '|' + $days }",
    )) as string[];
    assert.deepEqual(rows.sort(), [
      'svc-app|False|never',
      'svc-backup|False|never',
      'svc-batch|True|-10',
      'svc-deploy|False|27',
      'svc-legacy|True|-158',
      'svc-monitor|False|12',
      'svc-sync|False|37',
      'svc-web|False|5',
    ]);
    // Every account the jobs name (the gMSA aside) is one of these eight.
    const accounts = new Set(jobs.map((j) => j.account).filter((a) => !a.endsWith('$')));
    assert.equal(accounts.size, 8);
  });

  it('the failing jobs fail again the same way when run, the others run (the lab logon rules agree with the plant)', async () => {
    await onComputer(lab, 'WEB07');
    await lab.run("Start-ScheduledTask -TaskPath '\\Deploy\\' -TaskName 'Pull release'");
    assert.deepEqual(
      await lab.run("[long](Get-ScheduledTaskInfo -TaskPath '\\Deploy\\' -TaskName 'Pull release').LastTaskResult"),
      [RESULT_LOGON_TYPE],
    );
    await onComputer(lab, 'BATCH03');
    await lab.run("Start-ScheduledTask -TaskPath '\\Batch\\' -TaskName 'Nightly import'");
    assert.deepEqual(
      await lab.run("[long](Get-ScheduledTaskInfo -TaskPath '\\Batch\\' -TaskName 'Nightly import').LastTaskResult"),
      [LOGON_FAILURE],
    );
    await onComputer(lab, 'BATCH01');
    await lab.run("Start-ScheduledTask -TaskPath '\\Batch\\' -TaskName 'ETL'");
    assert.deepEqual(
      await lab.run("[long](Get-ScheduledTaskInfo -TaskPath '\\Batch\\' -TaskName 'ETL').LastTaskResult"),
      [0],
    );
    await onComputer(lab, 'APP11');
    assert.deepEqual(await lab.run(startCode('LegacyGateway')), [1069]);
    await onComputer(lab, 'WEB01');
    assert.deepEqual(
      await lab.run(
        "$p = Get-IISAppPool -Name 'Portal'; [string]$p.ProcessModel.IdentityType + '|' + $p.ProcessModel.UserName + '|' + [string]$p.State",
      ),
      ['SpecificUser|CONTOSO\\svc-web|Started'],
    );
    await onComputer(lab, 'WEB08');
    await lab.run("Start-ScheduledTask -TaskPath '\\Deploy\\' -TaskName 'Pull release'");
    assert.deepEqual(
      await lab.run("[long](Get-ScheduledTaskInfo -TaskPath '\\Deploy\\' -TaskName 'Pull release').LastTaskResult"),
      [0],
    );
  });
});
