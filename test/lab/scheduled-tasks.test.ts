// The lab ScheduledTasks module against real pwsh: CIM-shaped objects that survive being passed back in,
// registration rules (elevation, existing tasks, accounts that must map to a SID), running a task now (logon, "Log on
// as a batch job", the action's file) with LastTaskResult and history, the dynamic info (NextRunTime from the
// triggers), the task life cycle, and a stopped Task Scheduler service.
//
// The gMSA, sMSA, user rights and files the runs depend on are written straight into the lab state by the helpers
// below (not through the AD module), so this file tests the ScheduledTasks module alone.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import type { Envelope } from '../../electron/common/powershell/envelope.js';
import { jsonPayload, ps, type PsScript, type PsValue } from '../../electron/common/powershell/script.js';
import { readLab } from '../../electron/lab/lab.js';
import {
  adObjectSchema,
  scheduledTaskSchema,
  type AdObject,
  type ScheduledTaskState,
} from '../../electron/lab/state.js';
import { labSession, newLab } from '../helpers/lab.js';
import { trusted } from '../helpers/pwsh.js';

const BASE = 'DC=contoso,DC=com';
const WEB01_DN = `CN=WEB01,OU=Servers,${BASE}`;
const BATCH_DEFAULT = ['BUILTIN\\Administrators', 'BUILTIN\\Backup Operators', 'BUILTIN\\Performance Log Users'];
const FILES_DEFAULT = [
  'C:\\Scripts\\Nightly-Report.ps1',
  'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
];

// Result codes, as the unsigned numbers Get-ScheduledTaskInfo returns.
const OK = 0;
const NOT_YET_RUN = 0x41303; // 267011
const FILE_NOT_FOUND = 0x80070002; // 2147942402
const LOGON_FAILURE = 0x8007052e; // 2147943726
const NO_BATCH_RIGHT = 0x80070569; // 2147943785
const NOT_LOGGED_ON = 0x800710e0; // 2147946720

let rid = 3000;

// ------------------------------------------------------------------------------------------------ state helpers

/** A complete AD object record (every adObjectSchema field) for a service account. */
function adObject(fields: Partial<AdObject> & Pick<AdObject, 'objectClass' | 'samAccountName'>): AdObject {
  const name = (fields.samAccountName ?? '').replace(/\$$/, '');
  return adObjectSchema.parse({
    name,
    distinguishedName: `CN=${name},CN=Managed Service Accounts,${BASE}`,
    objectGuid: randomUUID(),
    objectSid: `S-1-5-21-1004336348-1177238915-682003330-${rid++}`,
    description: null,
    enabled: true,
    created: '2024-01-15T09:00:00.000Z',
    groupScope: null,
    groupCategory: null,
    members: [],
    dnsHostName: `${name}.contoso.com`,
    operatingSystem: null,
    kerberosEncryptionType: [],
    servicePrincipalNames: [],
    hostServiceAccounts: [],
    principalsAllowedToRetrieveManagedPassword: [],
    managedPasswordIntervalInDays: 30,
    hostComputers: [],
    onlyOn: [],
    ...fields,
  });
}

/** A gMSA whose password the given computers (DNs) may retrieve. */
function gmsa(
  sam: string,
  allowed: string[],
  enc: AdObject['kerberosEncryptionType'] = ['AES128', 'AES256'],
): AdObject {
  return adObject({
    objectClass: 'msDS-GroupManagedServiceAccount',
    samAccountName: sam,
    principalsAllowedToRetrieveManagedPassword: allowed,
    kerberosEncryptionType: enc,
    onlyOn: [],
  });
}

/** Writes an AD object into state.objects, replacing any with the same sAMAccountName. */
function putAdObject(o: AdObject): PsScript {
  return ps`Update-LabState -Script {
  param($s)
  $o = ConvertTo-LabHashtable ${jsonPayload(o)}
  $keep = New-Object System.Collections.ArrayList
  foreach ($x in $s.objects) { if ($x.samAccountName -ne $o.samAccountName) { [void]$keep.Add($x) } }
  [void]$keep.Add($o)
  $s.objects = $keep
} | Out-Null`;
}

/** Sets one field of hosts[computer] (userRights.X when field is 'userRights.X'). */
function setHost(computer: string, field: string, value: PsValue): PsScript {
  const [top, sub] = field.split('.');
  return sub === undefined
    ? ps`Update-LabState -Script { param($s) $s.hosts[${computer}][${top ?? ''}] = ${value} } | Out-Null`
    : ps`Update-LabState -Script { param($s) $s.hosts[${computer}][${top ?? ''}][${sub}] = ${value} } | Out-Null`;
}

/** A task record as the state holds it (scheduledTaskSchema), for tasks placed in the state directly. */
function taskRecord(name: string, userId: string, logonType: string): ScheduledTaskState {
  return scheduledTaskSchema.parse({
    taskName: name,
    taskPath: '\\',
    description: null,
    state: 'Ready',
    actions: [{ execute: 'cmd.exe', arguments: '/c exit 0', workingDirectory: null }],
    triggers: [],
    principal: { userId, logonType, runLevel: 'Limited', groupId: null },
    settings: { enabled: true, executionTimeLimit: 'PT72H', multipleInstances: 'IgnoreNew', priority: 7 },
    registered: '2024-01-15T09:00:00.000Z',
    lastRunTime: null,
    lastTaskResult: NOT_YET_RUN,
    numberOfMissedRuns: 0,
    history: [],
  });
}

function putTask(computer: string, task: ScheduledTaskState): PsScript {
  return ps`Update-LabState -Script { param($s) [void]$s.hosts[${computer}].tasks.Add((ConvertTo-LabHashtable ${jsonPayload(task)})) } | Out-Null`;
}

/** Runs a task now (optionally through the pipeline) and returns its LastTaskResult. */
function runTask(name: string, path = '\\'): PsScript {
  return ps`Start-ScheduledTask -TaskName ${name} -TaskPath ${path}
(Get-ScheduledTaskInfo -TaskName ${name} -TaskPath ${path}).LastTaskResult`;
}

function firstError(envelope: Envelope) {
  assert.equal(envelope.ok, false, `expected an error, got ${JSON.stringify(envelope.data)}`);
  const [error] = envelope.errors;
  assert.ok(error);
  return error;
}

function stateTask(dir: string, name: string, computer = 'WEB01'): ScheduledTaskState | undefined {
  return readLab(dir).hosts[computer]?.tasks.find((t) => t.taskName === name);
}

// ------------------------------------------------------------------------------------------------ tests

describe('lab ScheduledTasks module (healthy lab, on WEB01, elevated Domain Admin)', () => {
  const dir = newLab('healthy');
  const session = labSession(dir);
  after(() => session.dispose());

  it('builds CIM-shaped objects with the real type names, property names and values', async () => {
    const [shape] = (await session.run(
      trusted(`
$a = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument '-NoProfile -File C:\\Scripts\\Nightly-Report.ps1' -WorkingDirectory 'C:\\Scripts'
$daily = New-ScheduledTaskTrigger -Daily -At '12:05'
$weekly = New-ScheduledTaskTrigger -Weekly -DaysOfWeek Monday, Friday -WeeksInterval 2 -At '03:00'
$once = New-ScheduledTaskTrigger -Once -At '2030-01-01T06:00:00' -RepetitionInterval (New-TimeSpan -Minutes 15)
$boot = New-ScheduledTaskTrigger -AtStartup -RandomDelay (New-TimeSpan -Minutes 5)
$p = New-ScheduledTaskPrincipal -UserId 'CONTOSO\\svc$' -LogonType Password -RunLevel Limited
$s = New-ScheduledTaskSettingsSet -ExecutionTimeLimit (New-TimeSpan -Hours 2)
$task = New-ScheduledTask -Action $a -Trigger $daily, $weekly -Principal $p -Settings $s -Description 'd'
[ordered]@{
  actionTypes = @($a.PSObject.TypeNames | Select-Object -First 5)
  actionClass = $a.CimClass
  actionProps = @($a.PSObject.Properties | ForEach-Object { $_.Name })
  action = $a
  dailyStart = $daily.StartBoundary; today = (Get-Date).ToString('yyyy-MM-dd'); dailyInterval = $daily.DaysInterval
  dailyTypes = @($daily.PSObject.TypeNames | Select-Object -First 4)
  weeklyDays = $weekly.DaysOfWeek; weeksInterval = $weekly.WeeksInterval
  onceRepetition = $once.Repetition; onceStart = $once.StartBoundary
  bootDelay = $boot.Delay; bootClass = $boot.CimClass
  principal = $p; principalString = [string]$p
  settings = $s; settingsTypes = @($s.PSObject.TypeNames | Select-Object -First 7)
  taskString = [string]$task.Triggers[1]; taskState = $task.State; taskActions = $task.Actions.Count
}`),
    )) as Record<string, unknown>[];
    assert.ok(shape);
    const ns = 'Microsoft.Management.Infrastructure.CimInstance#Root/Microsoft/Windows/TaskScheduler/';
    assert.deepEqual(shape.actionTypes, [
      `${ns}MSFT_TaskExecAction`,
      'Microsoft.Management.Infrastructure.CimInstance#MSFT_TaskExecAction',
      `${ns}MSFT_TaskAction`,
      'Microsoft.Management.Infrastructure.CimInstance#MSFT_TaskAction',
      'Microsoft.Management.Infrastructure.CimInstance',
    ]);
    assert.equal(shape.actionClass, 'Root/Microsoft/Windows/TaskScheduler:MSFT_TaskExecAction');
    assert.deepEqual(shape.actionProps, [
      'Id',
      'Arguments',
      'Execute',
      'WorkingDirectory',
      'PSComputerName',
      'CimClass',
    ]);
    assert.deepEqual(shape.action, {
      Id: null,
      Arguments: '-NoProfile -File C:\\Scripts\\Nightly-Report.ps1',
      Execute: 'powershell.exe',
      WorkingDirectory: 'C:\\Scripts',
      PSComputerName: null,
    });
    // '12:05' binds to [datetime] as today 12:05 (Kind Unspecified): no offset in the boundary.
    assert.equal(shape.dailyStart, `${String(shape.today)}T12:05:00`);
    assert.equal(shape.dailyInterval, 1);
    assert.deepEqual(shape.dailyTypes, [
      `${ns}MSFT_TaskDailyTrigger`,
      'Microsoft.Management.Infrastructure.CimInstance#MSFT_TaskDailyTrigger',
      `${ns}MSFT_TaskTrigger`,
      'Microsoft.Management.Infrastructure.CimInstance#MSFT_TaskTrigger',
    ]);
    assert.equal(shape.weeklyDays, 2 + 32, 'Monday (2) + Friday (32)');
    assert.equal(shape.weeksInterval, 2);
    // -RepetitionInterval without -RepetitionDuration: repeat indefinitely (empty Duration).
    assert.deepEqual(shape.onceRepetition, {
      Duration: '',
      Interval: 'PT15M',
      StopAtDurationEnd: false,
      PSComputerName: null,
    });
    assert.equal(shape.onceStart, '2030-01-01T06:00:00');
    assert.equal(shape.bootDelay, 'PT5M');
    assert.equal(shape.bootClass, 'Root/Microsoft/Windows/TaskScheduler:MSFT_TaskBootTrigger');
    assert.deepEqual(shape.principal, {
      DisplayName: null,
      GroupId: null,
      Id: 'Author',
      LogonType: 'Password',
      RunLevel: 'Limited',
      UserId: 'CONTOSO\\svc$',
      ProcessTokenSidType: 'Default',
      RequiredPrivilege: null,
      PSComputerName: null,
    });
    assert.equal(shape.principalString, 'MSFT_TaskPrincipal2');
    const settings = shape.settings as Record<string, unknown>;
    assert.equal(settings.ExecutionTimeLimit, 'PT2H');
    assert.equal(settings.MultipleInstances, 'IgnoreNew');
    assert.equal(settings.Priority, 7);
    assert.equal(settings.Compatibility, 'Win8');
    assert.deepEqual(settings.IdleSettings, {
      IdleDuration: 'PT10M',
      RestartOnIdle: false,
      StopOnIdleEnd: true,
      WaitTimeout: 'PT1H',
      PSComputerName: null,
    });
    assert.deepEqual(Object.keys(settings), [
      'AllowDemandStart',
      'AllowHardTerminate',
      'Compatibility',
      'DeleteExpiredTaskAfter',
      'DisallowStartIfOnBatteries',
      'Enabled',
      'ExecutionTimeLimit',
      'Hidden',
      'IdleSettings',
      'MultipleInstances',
      'NetworkSettings',
      'Priority',
      'RestartCount',
      'RestartInterval',
      'RunOnlyIfIdle',
      'RunOnlyIfNetworkAvailable',
      'StartWhenAvailable',
      'StopIfGoingOnBatteries',
      'WakeToRun',
      'DisallowStartOnRemoteAppSession',
      'UseUnifiedSchedulingEngine',
      'MaintenanceSettings',
      'volatile',
      'PSComputerName',
    ]);
    assert.deepEqual((shape.settingsTypes as string[]).slice(0, 2), [
      `${ns}MSFT_TaskSettings3`,
      'Microsoft.Management.Infrastructure.CimInstance#MSFT_TaskSettings3',
    ]);
    assert.equal((shape.settingsTypes as string[])[6], 'Microsoft.Management.Infrastructure.CimInstance');
    assert.equal(shape.taskString, 'MSFT_TaskWeeklyTrigger');
    assert.equal(shape.taskState, null);
    assert.equal(shape.taskActions, 1);

    // -Once without -At is refused by the binder, as on Windows.
    const missing = firstError(await session.invoke(trusted('New-ScheduledTaskTrigger -Once')));
    assert.equal(missing.fqid, 'MissingMandatoryParameter,New-ScheduledTaskTrigger');
  });

  it('the classic example: a daily 12:05 report as CONTOSO\\svc-report$ (gMSA, LogonType Password) fails until the host is ready', async () => {
    await session.run(putAdObject(gmsa('svc-report$', [WEB01_DN])));
    const [registered] = (await session.run(
      trusted(`
$action = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument '-ExecutionPolicy Bypass -NoProfile -File C:\\Scripts\\Nightly-Report.ps1'
$trigger = New-ScheduledTaskTrigger -Daily -At '12:05'
$principal = New-ScheduledTaskPrincipal -UserId 'CONTOSO\\svc-report$' -LogonType Password
$settings = New-ScheduledTaskSettingsSet -ExecutionTimeLimit (New-TimeSpan -Hours 2)
$task = Register-ScheduledTask -TaskName 'Nightly Report' -TaskPath '\\MSA Wizard\\' -Action $action -Trigger $trigger -Principal $principal -Settings $settings -Description 'Nightly report'
$info = Get-ScheduledTaskInfo -TaskName 'Nightly Report' -TaskPath '\\MSA Wizard\\'
[ordered]@{
  type = $task.PSObject.TypeNames[0]; uri = $task.URI; state = $task.State; userId = $task.Principal.UserId
  logonType = $task.Principal.LogonType; limit = $task.Settings.ExecutionTimeLimit; description = $task.Description
  start = $task.Triggers[0].StartBoundary; today = (Get-Date).ToString('yyyy-MM-dd')
  lastRun = $info.LastRunTime.ToString('yyyy-MM-dd'); lastResult = $info.LastTaskResult
}`),
    )) as Record<string, unknown>[];
    assert.deepEqual(registered, {
      type: 'Microsoft.Management.Infrastructure.CimInstance#Root/Microsoft/Windows/TaskScheduler/MSFT_ScheduledTask',
      uri: '\\MSA Wizard\\Nightly Report',
      state: 'Ready',
      userId: 'CONTOSO\\svc-report$',
      logonType: 'Password',
      limit: 'PT2H',
      description: 'Nightly report',
      start: `${String(registered?.today)}T12:05:00`,
      today: registered?.today,
      lastRun: '1999-11-30',
      lastResult: NOT_YET_RUN,
    });

    // 1. The account may log on here, but nobody granted it "Log on as a batch job".
    assert.deepEqual(await session.run(runTask('Nightly Report', '\\MSA Wizard\\')), [NO_BATCH_RIGHT]);
    // 2. Granted: the run succeeds (through the pipeline, as admins type it).
    await session.run(setHost('WEB01', 'userRights.SeBatchLogonRight', [...BATCH_DEFAULT, 'CONTOSO\\svc-report$']));
    assert.deepEqual(
      await session.run(
        trusted(`Get-ScheduledTask -TaskName 'Nightly Report' | Start-ScheduledTask
$info = Get-ScheduledTask -TaskName 'Nightly Report' | Get-ScheduledTaskInfo
$info.LastTaskResult; (Get-ScheduledTask -TaskName 'Nightly Report').State`),
      ),
      [OK, 'Ready'],
    );
    // 3. The script the action runs is gone: ERROR_FILE_NOT_FOUND.
    await session.run(setHost('WEB01', 'files', [FILES_DEFAULT[1] ?? '']));
    assert.deepEqual(await session.run(runTask('Nightly Report', '\\MSA Wizard\\')), [FILE_NOT_FOUND]);
    await session.run(setHost('WEB01', 'files', FILES_DEFAULT));
    // 4. WEB01 is no longer allowed to retrieve the gMSA's password: logon failure.
    await session.run(putAdObject(gmsa('svc-report$', [])));
    assert.deepEqual(await session.run(runTask('Nightly Report', '\\MSA Wizard\\')), [LOGON_FAILURE]);

    const task = stateTask(dir, 'Nightly Report'); // readLab validates the whole state against the schema
    assert.ok(task);
    assert.equal(task.taskPath, '\\MSA Wizard\\');
    assert.equal(task.lastTaskResult, LOGON_FAILURE);
    assert.ok(task.lastRunTime !== null && Date.now() - Date.parse(task.lastRunTime) < 120_000);
    assert.deepEqual(task.principal, {
      userId: 'CONTOSO\\svc-report$',
      logonType: 'Password',
      runLevel: 'Limited',
      groupId: null,
    });
    const events = task.history.map((h) => h.eventId);
    assert.equal(events[0], 106, 'registered');
    for (const id of [100, 101, 102, 103, 200, 201, 203])
      assert.ok(events.includes(id), `event ${id} in ${events.join(',')}`);
    const failures = task.history.filter((h) => h.eventId === 101).map((h) => h.message);
    assert.equal(failures.length, 2);
    assert.match(
      failures[0] ?? '',
      /failed to start "\\MSA Wizard\\Nightly Report" task for user "CONTOSO\\svc-report\$".*Error Value: 2147943785/,
    );
    assert.match(failures[1] ?? '', /Error Value: 2147943726/);
    assert.ok(task.history.some((h) => h.eventId === 201 && /with return code 0/.test(h.message)));
    assert.ok(task.history.some((h) => h.eventId === 203 && /Error Value: 2147942402/.test(h.message)));
  });

  it('Register-ScheduledTask refuses an existing task without -Force (a non-terminating CIM error) and replaces it with -Force', async () => {
    const register = `Register-ScheduledTask -TaskName 'Dup' -User 'SYSTEM' -Action (New-ScheduledTaskAction -Execute 'cmd.exe' -Argument '/c exit 0')`;
    await session.run(trusted(`${register} | Out-Null`));
    const error = firstError(await session.invoke(trusted(register)));
    assert.equal(error.fqid, 'HRESULT 0x800700b7,Register-ScheduledTask');
    assert.equal(error.type, 'Microsoft.Management.Infrastructure.CimException');
    assert.equal(error.category, 'ResourceExists');
    assert.equal(error.message, 'Cannot create a file when that file already exists.');
    assert.equal(error.command, 'Register-ScheduledTask');
    // Like every cmdletization error it is non-terminating: -ErrorAction SilentlyContinue lets the script go on.
    const quiet = await session.invoke(trusted(`${register} -ErrorAction SilentlyContinue; 'went on'`));
    assert.deepEqual([quiet.ok, quiet.data], [true, ['went on']]);

    const [replaced] = await session.run(
      trusted(
        `(Register-ScheduledTask -TaskName 'Dup' -User 'SYSTEM' -Force -Action (New-ScheduledTaskAction -Execute 'pwsh.exe' -Argument '-File C:\\Scripts\\Nightly-Report.ps1')).Actions[0].Execute`,
      ),
    );
    assert.equal(replaced, 'pwsh.exe');
    assert.equal(readLab(dir).hosts.WEB01?.tasks.filter((t) => t.taskName === 'Dup').length, 1);
    assert.deepEqual(stateTask(dir, 'Dup')?.actions, [
      { execute: 'pwsh.exe', arguments: '-File C:\\Scripts\\Nightly-Report.ps1', workingDirectory: null },
    ]);

    // A New-ScheduledTask object registers through the pipeline (-InputObject); a copy of a registered task too.
    const [fromObject] = (await session.run(
      trusted(`$new = New-ScheduledTask -Action (New-ScheduledTaskAction -Execute 'cmd.exe') -Principal (New-ScheduledTaskPrincipal -UserId 'LOCAL SERVICE' -LogonType ServiceAccount) -Settings (New-ScheduledTaskSettingsSet -Disable) -Description 'object'
$one = $new | Register-ScheduledTask -TaskName 'FromObject' -TaskPath 'Objects'
$two = Get-ScheduledTask -TaskName 'FromObject' | Register-ScheduledTask -TaskName 'Copy'
[ordered]@{ one = $one.URI; state = $one.State; user = $one.Principal.UserId; two = $two.URI; description = $two.Description }`),
    )) as Record<string, unknown>[];
    assert.deepEqual(fromObject, {
      one: '\\Objects\\FromObject',
      state: 'Disabled',
      user: 'LOCAL SERVICE',
      two: '\\Objects\\Copy',
      description: 'object',
    });
  });

  it('principals must map to a SID here: unknown accounts and foreign domains fail, local accounts resolve, MSAs take no password', async () => {
    await session.run(putAdObject(gmsa('svc-report$', [WEB01_DN])));
    for (const user of [
      'CONTOSO\\nosuch$',
      'FABRIKAM\\svc-report$',
      'CONTOSO\\svc-report',
      'svc-report@fabrikam.com',
    ]) {
      const error = firstError(
        await session.invoke(
          ps`Register-ScheduledTask -TaskName 'Mapped' -Action (New-ScheduledTaskAction -Execute 'cmd.exe') -Principal (New-ScheduledTaskPrincipal -UserId ${user} -LogonType Password)`,
        ),
      );
      assert.equal(error.fqid, 'HRESULT 0x80070534,Register-ScheduledTask', user);
      assert.equal(error.message, 'No mapping between account names and security IDs was done.');
    }
    assert.equal(stateTask(dir, 'Mapped'), undefined, 'nothing registered');

    const resolved = await session.run(
      trusted(`
$a = New-ScheduledTaskAction -Execute 'cmd.exe'
foreach ($user in 'SYSTEM', 'NT AUTHORITY\\SYSTEM', 'LOCAL SERVICE', 'NETWORK SERVICE', 'svc-report$@contoso.com') {
  $t = Register-ScheduledTask -TaskName ('Local ' + $user.Replace('\\', '-')) -Action $a -User $user
  $t.Principal.UserId + '|' + $t.Principal.LogonType
}
$g = Register-ScheduledTask -TaskName 'Admins' -Action $a -Principal (New-ScheduledTaskPrincipal -GroupId 'BUILTIN\\Administrators' -RunLevel Highest)
$g.Principal.GroupId + '|' + $g.Principal.LogonType + '|' + $g.Principal.RunLevel`),
    );
    assert.deepEqual(resolved, [
      'SYSTEM|ServiceAccount',
      'SYSTEM|ServiceAccount',
      'LOCAL SERVICE|ServiceAccount',
      'NETWORK SERVICE|ServiceAccount',
      // -User without -Password: "run only when the user is logged on".
      'svc-report$@contoso.com|Interactive',
      'BUILTIN\\Administrators|Group|Highest',
    ]);

    const password = firstError(
      await session.invoke(
        trusted(
          `Register-ScheduledTask -TaskName 'Pw' -Action (New-ScheduledTaskAction -Execute 'cmd.exe') -User 'CONTOSO\\svc-report$' -Password 'guess'`,
        ),
      ),
    );
    assert.equal(password.fqid, 'HRESULT 0x8007052e,Register-ScheduledTask');
  });

  it('Get-ScheduledTask filters by name and path with wildcards and reports names that match nothing', async () => {
    await session.run(
      trusted(`
$a = New-ScheduledTaskAction -Execute 'cmd.exe' -Argument '/c exit 0'
'Alpha 1', 'Alpha 2' | ForEach-Object { Register-ScheduledTask -TaskName $_ -Action $a -User 'SYSTEM' | Out-Null }
Register-ScheduledTask -TaskName 'Beta' -TaskPath 'Reports' -Action $a -User 'SYSTEM' | Out-Null`),
    );
    const found = await session.run(
      trusted(`
Write-Output -NoEnumerate @(Get-ScheduledTask -TaskName 'alpha*' | ForEach-Object { $_.TaskPath + $_.TaskName })
Write-Output -NoEnumerate @(Get-ScheduledTask -TaskPath '\\Reports\\' | ForEach-Object { $_.URI })
Write-Output -NoEnumerate @(Get-ScheduledTask -TaskName 'Alpha 1', 'nope' -ErrorAction SilentlyContinue | ForEach-Object { $_.TaskName })
Write-Output -NoEnumerate @(Get-ScheduledTask -TaskName 'zz*')`),
    );
    assert.deepEqual(found, [['\\Alpha 1', '\\Alpha 2'], ['\\Reports\\Beta'], ['Alpha 1'], []]);

    const missing = firstError(await session.invoke(trusted("Get-ScheduledTask -TaskName 'nope'")));
    assert.deepEqual(
      {
        fqid: missing.fqid,
        type: missing.type,
        category: missing.category,
        target: missing.target,
        message: missing.message,
      },
      {
        fqid: 'CmdletizationQuery_NotFound_TaskName,Get-ScheduledTask',
        type: 'Microsoft.PowerShell.Cmdletization.Cim.CimJobException',
        category: 'ObjectNotFound',
        target: 'nope',
        message:
          "No MSFT_ScheduledTask objects found with property 'TaskName' equal to 'nope'.  Verify the value of the property and retry.",
      },
    );
    const badPath = firstError(await session.invoke(trusted("Get-ScheduledTask -TaskPath '\\Nowhere\\'")));
    assert.equal(badPath.fqid, 'CmdletizationQuery_NotFound_TaskPath,Get-ScheduledTask');

    // Objects from Get-ScheduledTask go back in through the pipeline.
    assert.deepEqual(
      await session.run(
        trusted(`Get-ScheduledTask -TaskPath '\\Reports\\' | Start-ScheduledTask
(Get-ScheduledTask -TaskPath '\\Reports\\' | Get-ScheduledTaskInfo).LastTaskResult`),
      ),
      [OK],
    );
  });

  it('Get-ScheduledTaskInfo: a never-run task, and NextRunTime from each kind of trigger on the lab clock', async () => {
    // Lab time (local) = Wednesday 2030-06-12 10:00.
    await session.run(
      trusted(`$target = [datetime]'2030-06-12T10:00:00'
$offset = ($target.ToUniversalTime() - [datetime]::UtcNow).TotalSeconds
Update-LabState -Script { param($s) $s.clockOffsetSeconds = $offset } | Out-Null`),
    );
    try {
      const [info] = (await session.run(
        trusted(`
$a = New-ScheduledTaskAction -Execute 'cmd.exe'
$triggers = [ordered]@{
  'Daily' = New-ScheduledTaskTrigger -Daily -At '2030-06-01T03:00:00'
  'Every 3 days' = New-ScheduledTaskTrigger -Daily -DaysInterval 3 -At '2030-06-02T03:00:00'
  'Mon+Fri' = New-ScheduledTaskTrigger -Weekly -DaysOfWeek Monday, Friday -At '2030-06-01T09:00:00'
  'Every other Monday' = New-ScheduledTaskTrigger -Weekly -WeeksInterval 2 -DaysOfWeek Monday -At '2030-06-03T09:00:00'
  'Once ahead' = New-ScheduledTaskTrigger -Once -At '2030-07-01T08:00:00'
  'Once past' = New-ScheduledTaskTrigger -Once -At '2030-06-01T08:00:00'
  'Every 15 minutes' = New-ScheduledTaskTrigger -Once -At '2030-06-12T09:00:00' -RepetitionInterval (New-TimeSpan -Minutes 15)
  'At startup' = New-ScheduledTaskTrigger -AtStartup
}
$out = [ordered]@{}
foreach ($name in $triggers.Keys) {
  Register-ScheduledTask -TaskName $name -TaskPath '\\Clock\\' -Action $a -Trigger $triggers[$name] -User 'SYSTEM' | Out-Null
  $next = (Get-ScheduledTaskInfo -TaskName $name -TaskPath '\\Clock\\').NextRunTime
  if ($null -eq $next) { $out[$name] = $null } else { $out[$name] = $next.ToString('yyyy-MM-ddTHH:mm:ss') }
}
$never = Get-ScheduledTaskInfo -TaskName 'Daily' -TaskPath '\\Clock\\'
$out['never.LastRunTime'] = $never.LastRunTime.ToString('yyyy-MM-ddTHH:mm:ss')
$out['never.LastTaskResult'] = $never.LastTaskResult
$out['never.type'] = $never.LastTaskResult.GetType().Name
$out['never.missed'] = $never.NumberOfMissedRuns
Disable-ScheduledTask -TaskName 'Daily' -TaskPath '\\Clock\\' | Out-Null
$out['disabled'] = (Get-ScheduledTaskInfo -TaskName 'Daily' -TaskPath '\\Clock\\').NextRunTime
Start-ScheduledTask -TaskName 'Mon+Fri' -TaskPath '\\Clock\\'
$ran = Get-ScheduledTaskInfo -TaskName 'Mon+Fri' -TaskPath '\\Clock\\'
$out['ran.LastRunTime'] = $ran.LastRunTime.ToString('yyyy-MM-ddTHH:mm')
$out['ran.LastTaskResult'] = $ran.LastTaskResult
$out`),
      )) as Record<string, unknown>[];
      assert.deepEqual(info, {
        Daily: '2030-06-13T03:00:00',
        'Every 3 days': '2030-06-14T03:00:00',
        'Mon+Fri': '2030-06-14T09:00:00',
        'Every other Monday': '2030-06-17T09:00:00',
        'Once ahead': '2030-07-01T08:00:00',
        'Once past': null,
        'Every 15 minutes': '2030-06-12T10:15:00',
        'At startup': null,
        'never.LastRunTime': '1999-11-30T00:00:00',
        'never.LastTaskResult': NOT_YET_RUN,
        'never.type': 'UInt32',
        'never.missed': 0,
        disabled: null,
        'ran.LastRunTime': '2030-06-12T10:00',
        'ran.LastTaskResult': OK,
      });
    } finally {
      await session.run(trusted('Update-LabState -Script { param($s) $s.clockOffsetSeconds = 0 } | Out-Null'));
    }
  });

  it('life cycle: Disable/Enable, Start refused while disabled, Stop on a ready task, Set (each form), Unregister', async () => {
    await session.run(
      trusted(
        "Register-ScheduledTask -TaskName 'Cycle' -User 'SYSTEM' -Action (New-ScheduledTaskAction -Execute 'cmd.exe' -Argument '/c exit 0') | Out-Null",
      ),
    );
    const toggled = await session.run(
      trusted(`$d = Disable-ScheduledTask -TaskName 'Cycle'
$d.State; $d.Settings.Enabled
(Get-ScheduledTask -TaskName 'Cycle').State`),
    );
    assert.deepEqual(toggled, ['Disabled', false, 'Disabled']);
    const refused = firstError(await session.invoke(trusted("Start-ScheduledTask -TaskName 'Cycle'")));
    assert.equal(refused.fqid, 'HRESULT 0x80041326,Start-ScheduledTask');
    assert.equal(refused.message, 'The task is disabled.');
    assert.equal(stateTask(dir, 'Cycle')?.lastRunTime, null);

    assert.deepEqual(
      await session.run(
        trusted(`(Enable-ScheduledTask -TaskName 'Cycle').State
Stop-ScheduledTask -TaskName 'Cycle'
(Get-ScheduledTaskInfo -TaskName 'Cycle').LastTaskResult`),
      ),
      ['Ready', NOT_YET_RUN],
    );

    // -Action / -Trigger / -Principal / -Settings.
    const [set] = (await session.run(
      trusted(`$t = Set-ScheduledTask -TaskName 'Cycle' -Action (New-ScheduledTaskAction -Execute 'C:\\Tools\\report.exe') -Trigger (New-ScheduledTaskTrigger -Weekly -DaysOfWeek Sunday -At '04:00')
$t = Set-ScheduledTask -TaskName 'Cycle' -Principal (New-ScheduledTaskPrincipal -UserId 'NETWORK SERVICE' -LogonType ServiceAccount)
$t = Set-ScheduledTask -TaskName 'Cycle' -Settings (New-ScheduledTaskSettingsSet -ExecutionTimeLimit (New-TimeSpan -Minutes 30) -Priority 4)
[ordered]@{ execute = $t.Actions[0].Execute; trigger = [string]$t.Triggers[0]; days = $t.Triggers[0].DaysOfWeek; user = $t.Principal.UserId; limit = $t.Settings.ExecutionTimeLimit; priority = $t.Settings.Priority }`),
    )) as Record<string, unknown>[];
    assert.deepEqual(set, {
      execute: 'C:\\Tools\\report.exe',
      trigger: 'MSFT_TaskWeeklyTrigger',
      days: 1,
      user: 'NETWORK SERVICE',
      limit: 'PT30M',
      priority: 4,
    });
    // The executable is not on WEB01.
    assert.deepEqual(await session.run(runTask('Cycle')), [FILE_NOT_FOUND]);

    // -InputObject: change the object Get-ScheduledTask returned, hand it back.
    await session.run(
      trusted(`$t = Get-ScheduledTask -TaskName 'Cycle'
$t.Description = 'changed'
$t.Settings.ExecutionTimeLimit = 'PT1H'
$t.Actions[0].Execute = 'cmd.exe'
$t.Actions[0].Arguments = '/c exit 0'
Set-ScheduledTask -InputObject $t | Out-Null`),
    );
    const changed = stateTask(dir, 'Cycle');
    assert.equal(changed?.description, 'changed');
    assert.equal(changed?.settings.executionTimeLimit, 'PT1H');
    assert.deepEqual(changed?.actions, [{ execute: 'cmd.exe', arguments: '/c exit 0', workingDirectory: null }]);
    assert.deepEqual(await session.run(runTask('Cycle')), [OK]);

    // -User / -Password: a plain domain user with a stored password needs the batch right like anyone else.
    const [userSet] = await session.run(
      trusted(`$t = Set-ScheduledTask -TaskName 'Cycle' -User 'CONTOSO\\helpdesk' -Password 'P@ssw0rd'
$t.Principal.UserId + '|' + $t.Principal.LogonType`),
    );
    assert.equal(userSet, 'CONTOSO\\helpdesk|Password');
    assert.deepEqual(await session.run(runTask('Cycle')), [NO_BATCH_RIGHT]);

    const missingSet = firstError(await session.invoke(trusted("Set-ScheduledTask -TaskName 'Nope' -User 'SYSTEM'")));
    assert.equal(missingSet.fqid, 'HRESULT 0x80070002,Set-ScheduledTask');
    assert.equal(missingSet.category, 'ObjectNotFound');

    // Unregister asks first (ConfirmImpact High): a non-interactive session can't answer, so it fails; -WhatIf
    // only reports; -Confirm:$false removes.
    const asked = firstError(await session.invoke(trusted("Unregister-ScheduledTask -TaskName 'Cycle'")));
    assert.match(asked.message, /NonInteractive mode/);
    await session.run(trusted("Unregister-ScheduledTask -TaskName 'Cycle' -WhatIf"));
    assert.ok(stateTask(dir, 'Cycle'));
    assert.deepEqual(
      await session.run(
        trusted(`Unregister-ScheduledTask -TaskName 'Cycle' -Confirm:$false
@(Get-ScheduledTask -TaskName 'Cycle' -ErrorAction SilentlyContinue).Count`),
      ),
      [0],
    );
    assert.equal(stateTask(dir, 'Cycle'), undefined);
    const gone = firstError(
      await session.invoke(trusted("Unregister-ScheduledTask -TaskName 'Cycle' -Confirm:$false")),
    );
    assert.equal(gone.fqid, 'CmdletizationQuery_NotFound_TaskName,Unregister-ScheduledTask');

    // Task objects piped in (-InputObject), with -PassThru.
    const removed = await session.run(
      trusted(`$a = New-ScheduledTaskAction -Execute 'cmd.exe'
'One', 'Two' | ForEach-Object { Register-ScheduledTask -TaskName $_ -TaskPath '\\Bulk\\' -Action $a -User 'SYSTEM' | Out-Null }
Get-ScheduledTask -TaskPath '\\Bulk\\' | Unregister-ScheduledTask -Confirm:$false -PassThru | ForEach-Object { $_.URI }`),
    );
    assert.deepEqual(removed, ['\\Bulk\\One', '\\Bulk\\Two']);
    assert.equal(readLab(dir).hosts.WEB01?.tasks.filter((t) => t.taskPath === '\\Bulk\\').length, 0);
  });

  it('registers from task XML (exported by Task Scheduler) and refuses malformed XML', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo><Description>From XML</Description><URI>\\FromXml</URI></RegistrationInfo>
  <Triggers>
    <CalendarTrigger><StartBoundary>2030-01-01T03:00:00</StartBoundary><Enabled>true</Enabled><ScheduleByDay><DaysInterval>2</DaysInterval></ScheduleByDay></CalendarTrigger>
  </Triggers>
  <Principals><Principal id="Author"><UserId>CONTOSO\\svc-report$</UserId><LogonType>Password</LogonType><RunLevel>HighestAvailable</RunLevel></Principal></Principals>
  <Settings><MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy><ExecutionTimeLimit>PT1H</ExecutionTimeLimit><Enabled>true</Enabled></Settings>
  <Actions Context="Author"><Exec><Command>powershell.exe</Command><Arguments>-NoProfile -File "C:\\Scripts\\Nightly-Report.ps1"</Arguments></Exec></Actions>
</Task>`;
    await session.run(putAdObject(gmsa('svc-report$', [WEB01_DN])));
    const [fromXml] = (await session.run(
      ps`$t = Register-ScheduledTask -TaskName 'FromXml' -Xml ${xml}
[ordered]@{ user = $t.Principal.UserId; logon = $t.Principal.LogonType; level = $t.Principal.RunLevel; args = $t.Actions[0].Arguments
  trigger = [string]$t.Triggers[0]; days = $t.Triggers[0].DaysInterval; limit = $t.Settings.ExecutionTimeLimit; description = $t.Description }`,
    )) as Record<string, unknown>[];
    assert.deepEqual(fromXml, {
      user: 'CONTOSO\\svc-report$',
      logon: 'Password',
      level: 'Highest',
      args: '-NoProfile -File "C:\\Scripts\\Nightly-Report.ps1"',
      trigger: 'MSFT_TaskDailyTrigger',
      days: 2,
      limit: 'PT1H',
      description: 'From XML',
    });
    // The quoted -File path is found; the account still lacks the batch right on a fresh host list.
    await session.run(setHost('WEB01', 'userRights.SeBatchLogonRight', BATCH_DEFAULT));
    assert.deepEqual(await session.run(runTask('FromXml')), [NO_BATCH_RIGHT]);
    await session.run(setHost('WEB01', 'userRights.SeBatchLogonRight', [...BATCH_DEFAULT, 'CONTOSO\\svc-report$']));
    assert.deepEqual(await session.run(runTask('FromXml')), [OK]);

    const bad = firstError(await session.invoke(ps`Register-ScheduledTask -TaskName 'Bad' -Xml ${'<Task><Actions>'}`));
    assert.equal(bad.fqid, 'HRESULT 0x8004131a,Register-ScheduledTask');
  });

  it('who a task runs as decides the result: SYSTEM, an sMSA (linked and installed), a logged-off MSA, encryption types, a plain user', async () => {
    await session.run(setHost('WEB01', 'userRights.SeBatchLogonRight', BATCH_DEFAULT));
    await session.run(putAdObject(gmsa('svc-report$', [WEB01_DN])));
    await session.run(
      putAdObject(
        adObject({
          objectClass: 'msDS-ManagedServiceAccount',
          samAccountName: 'svc-legacy$',
          hostComputers: [WEB01_DN],
        }),
      ),
    );
    const results = await session.run(
      trusted(`
$ps = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument '-File C:\\Scripts\\Nightly-Report.ps1'
$register = { param($name, $principal) Register-ScheduledTask -TaskName $name -TaskPath '\\Who\\' -Action $ps -Principal $principal | Out-Null }
& $register 'System' (New-ScheduledTaskPrincipal -UserId 'SYSTEM' -LogonType ServiceAccount)
& $register 'Legacy' (New-ScheduledTaskPrincipal -UserId 'CONTOSO\\svc-legacy$' -LogonType Password)
& $register 'LoggedOff' (New-ScheduledTaskPrincipal -UserId 'CONTOSO\\svc-report$' -LogonType Interactive)
& $register 'Me' (New-ScheduledTaskPrincipal -UserId 'CONTOSO\\Administrator' -LogonType Interactive)
foreach ($name in 'System', 'Legacy', 'LoggedOff', 'Me') {
  Start-ScheduledTask -TaskName $name -TaskPath '\\Who\\'
  (Get-ScheduledTaskInfo -TaskName $name -TaskPath '\\Who\\').LastTaskResult
}`),
    );
    // SYSTEM needs no batch right; the sMSA is linked but not installed here; an MSA is never "logged on";
    // the session's own user is.
    assert.deepEqual(results, [OK, LOGON_FAILURE, NOT_LOGGED_ON, OK]);

    await session.run(setHost('WEB01', 'installedAccounts', ['svc-legacy$']));
    await session.run(setHost('WEB01', 'userRights.SeBatchLogonRight', [...BATCH_DEFAULT, 'CONTOSO\\svc-legacy$']));
    assert.deepEqual(await session.run(runTask('Legacy', '\\Who\\')), [OK]);

    // A gMSA whose only encryption type WEB01 does not support can't log on, even when allowed.
    await session.run(
      trusted(
        "Register-ScheduledTask -TaskName 'Des' -TaskPath '\\Who\\' -Action (New-ScheduledTaskAction -Execute 'cmd.exe') -Principal (New-ScheduledTaskPrincipal -UserId 'CONTOSO\\svc-report$' -LogonType Password) | Out-Null",
      ),
    );
    await session.run(setHost('WEB01', 'userRights.SeBatchLogonRight', [...BATCH_DEFAULT, 'CONTOSO\\svc-report$']));
    assert.deepEqual(await session.run(runTask('Des', '\\Who\\')), [OK]);
    await session.run(putAdObject(gmsa('svc-report$', [WEB01_DN], ['DES'])));
    assert.deepEqual(await session.run(runTask('Des', '\\Who\\')), [LOGON_FAILURE]);
  });

  it('with the Task Scheduler service stopped, every cmdlet fails with 0x80070422 and nothing changes', async () => {
    await session.run(
      trusted(
        "Register-ScheduledTask -TaskName 'Svc' -User 'SYSTEM' -Action (New-ScheduledTaskAction -Execute 'cmd.exe') | Out-Null",
      ),
    );
    const before = stateTask(dir, 'Svc');
    await session.run(setHost('WEB01', 'taskSchedulerRunning', false));
    try {
      const outcomes = (await session.run(
        trusted(`
$a = [pscustomobject]@{ Execute = 'cmd.exe' }
$a.PSObject.TypeNames.Insert(0, 'Microsoft.Management.Infrastructure.CimInstance')
$calls = [ordered]@{
  'Disable-ScheduledTask' = { Disable-ScheduledTask -TaskName 'Svc' }
  'Enable-ScheduledTask' = { Enable-ScheduledTask -TaskName 'Svc' }
  'Get-ScheduledTask' = { Get-ScheduledTask }
  'Get-ScheduledTaskInfo' = { Get-ScheduledTaskInfo -TaskName 'Svc' }
  'New-ScheduledTask' = { New-ScheduledTask -Action $a }
  'New-ScheduledTaskAction' = { New-ScheduledTaskAction -Execute 'cmd.exe' }
  'New-ScheduledTaskPrincipal' = { New-ScheduledTaskPrincipal -UserId 'SYSTEM' }
  'New-ScheduledTaskSettingsSet' = { New-ScheduledTaskSettingsSet }
  'New-ScheduledTaskTrigger' = { New-ScheduledTaskTrigger -AtStartup }
  'Register-ScheduledTask' = { Register-ScheduledTask -TaskName 'Svc2' -Action $a -User 'SYSTEM' }
  'Set-ScheduledTask' = { Set-ScheduledTask -TaskName 'Svc' -User 'SYSTEM' }
  'Start-ScheduledTask' = { Start-ScheduledTask -TaskName 'Svc' }
  'Stop-ScheduledTask' = { Stop-ScheduledTask -TaskName 'Svc' }
  'Unregister-ScheduledTask' = { Unregister-ScheduledTask -TaskName 'Svc' -Confirm:$false }
}
foreach ($name in $calls.Keys) {
  try { & $calls[$name] | Out-Null; $name + ': no error' }
  catch { $name + ': ' + $_.FullyQualifiedErrorId + ' / ' + $_.Exception.Message }
}`),
      )) as string[];
      assert.equal(outcomes.length, 14);
      for (const line of outcomes) {
        const name = line.split(':')[0] ?? '';
        assert.equal(
          line,
          `${name}: HRESULT 0x80070422,${name} / The service cannot be started, either because it is disabled or it has no enabled devices associated with it.`,
        );
      }
    } finally {
      await session.run(setHost('WEB01', 'taskSchedulerRunning', true));
    }
    assert.deepEqual(stateTask(dir, 'Svc'), before);
    assert.equal(stateTask(dir, 'Svc2'), undefined);
  });
});

describe('lab ScheduledTasks module, not elevated (scenario not-admin)', () => {
  const dir = newLab('not-admin');
  const session = labSession(dir);
  after(() => session.dispose());

  it('changing tasks needs an elevated session (0x80070005); reading them and building objects does not', async () => {
    await session.run(putTask('WEB01', taskRecord('Existing', 'SYSTEM', 'ServiceAccount')));
    const denied = firstError(
      await session.invoke(
        trusted(
          "Register-ScheduledTask -TaskName 'New' -User 'SYSTEM' -Action (New-ScheduledTaskAction -Execute 'cmd.exe')",
        ),
      ),
    );
    assert.deepEqual(
      { fqid: denied.fqid, type: denied.type, category: denied.category, message: denied.message },
      {
        fqid: 'HRESULT 0x80070005,Register-ScheduledTask',
        type: 'System.UnauthorizedAccessException',
        category: 'PermissionDenied',
        message: 'Access is denied.',
      },
    );
    for (const [cmdlet, call] of [
      ['Start-ScheduledTask', "Start-ScheduledTask -TaskName 'Existing'"],
      ['Set-ScheduledTask', "Set-ScheduledTask -TaskName 'Existing' -User 'SYSTEM'"],
      ['Disable-ScheduledTask', "Disable-ScheduledTask -TaskName 'Existing'"],
      ['Unregister-ScheduledTask', "Unregister-ScheduledTask -TaskName 'Existing' -Confirm:$false"],
    ] as const) {
      assert.equal(firstError(await session.invoke(trusted(call))).fqid, `HRESULT 0x80070005,${cmdlet}`);
    }
    const readable = await session.run(
      trusted(`(Get-ScheduledTask -TaskName 'Existing').Principal.UserId
(Get-ScheduledTaskInfo -TaskName 'Existing').LastTaskResult
(New-ScheduledTaskAction -Execute 'cmd.exe').Execute`),
    );
    assert.deepEqual(readable, ['SYSTEM', NOT_YET_RUN, 'cmd.exe']);
    const task = stateTask(dir, 'Existing');
    assert.equal(task?.state, 'Ready');
    assert.equal(task?.lastRunTime, null);
    assert.equal(stateTask(dir, 'New'), undefined);
  });
});
