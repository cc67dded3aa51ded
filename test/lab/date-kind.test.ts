// Dates carry the Kind the real cmdlets return (LabCore's ConvertFrom-LabDateText and Get-LabNow): Local for the
// ActiveDirectory module (whenCreated, Created, PasswordLastSet, Get-ADRootDSE currentTime), for Kds (EffectiveTime,
// CreationTime), for the ScheduledTasks CIM datetimes (LastRunTime, NextRunTime; trigger boundaries stay strings)
// and for Get-Date-like values (Get-LabNow). Each one still names the instant the lab stored (UTC text), whatever
// the machine's zone: run this file under TZ=Asia/Kolkata or America/New_York and it must pass the same.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { labSession, labState, newLab } from '../helpers/lab.js';
import { trusted } from '../helpers/pwsh.js';

describe('DateTime Kind per family (healthy lab)', () => {
  const dir = newLab('healthy');
  const session = labSession(dir);
  after(() => session.dispose());

  /** Each value as [Kind, its instant in UTC ISO text]. */
  const KIND = `function Get-KindAndUtc { param($d) @($d.Kind.ToString(), $d.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [System.Globalization.CultureInfo]::InvariantCulture)) }`;

  it('ActiveDirectory: whenCreated, Created, PasswordLastSet and RootDSE currentTime are Local, at the stored instant', async () => {
    const stored = labState(dir).objects.find((o) => o.objectClass === 'computer' && o.name === 'WEB01');
    assert.ok(stored);
    const [r] = (await session.run(
      trusted(`${KIND}
$c = Get-ADComputer -Identity 'WEB01' -Properties whenCreated, Created, PasswordLastSet, pwdLastSet
$now = Get-LabNow -Utc
[ordered]@{
  whenCreated = Get-KindAndUtc $c.whenCreated; created = Get-KindAndUtc $c.Created
  passwordLastSet = Get-KindAndUtc $c.PasswordLastSet
  pwdLastSetMatches = ([datetime]::FromFileTimeUtc($c.pwdLastSet) -eq $c.PasswordLastSet.ToUniversalTime())
  currentTime = (Get-ADRootDSE).currentTime.Kind.ToString()
  currentTimeIsNow = ([math]::Abs(((Get-ADRootDSE).currentTime.ToUniversalTime() - $now).TotalSeconds) -lt 60)
}`),
    )) as Record<string, unknown>[];
    const createdUtc = new Date(stored.created).toISOString();
    assert.deepEqual(r, {
      whenCreated: ['Local', createdUtc],
      created: ['Local', createdUtc],
      passwordLastSet: ['Local', (r?.passwordLastSet as string[])[1]],
      pwdLastSetMatches: true,
      currentTime: 'Local',
      currentTimeIsNow: true,
    });
  });

  it('Kds: EffectiveTime and CreationTime are Local, at the stored instants', async () => {
    const [key] = labState(dir).kdsRootKeys;
    assert.ok(key);
    const data = await session.run(
      trusted(`${KIND}
$k = (Get-KdsRootKey)[0]
Write-Output -NoEnumerate (Get-KindAndUtc $k.EffectiveTime)
Write-Output -NoEnumerate (Get-KindAndUtc $k.CreationTime)`),
    );
    assert.deepEqual(data, [
      ['Local', new Date(key.effectiveTime).toISOString()],
      ['Local', new Date(key.createdTime).toISOString()],
    ]);
  });

  it('ScheduledTasks: LastRunTime and NextRunTime are Local; StartBoundary is a string', async () => {
    const [r] = (await session.run(
      trusted(`$action = New-ScheduledTaskAction -Execute 'cmd.exe'
$trigger = New-ScheduledTaskTrigger -Daily -At '12:05'
$task = Register-ScheduledTask -TaskName 'Kind Check' -TaskPath '\\MSA Wizard\\' -Action $action -Trigger $trigger -User 'SYSTEM'
$info = Get-ScheduledTaskInfo -TaskName 'Kind Check' -TaskPath '\\MSA Wizard\\'
[ordered]@{
  lastRun = $info.LastRunTime.Kind.ToString(); nextRun = $info.NextRunTime.Kind.ToString()
  nextRunClock = $info.NextRunTime.ToString('HH:mm', [System.Globalization.CultureInfo]::InvariantCulture)
  startIsString = ($task.Triggers[0].StartBoundary -is [string])
}`),
    )) as Record<string, unknown>[];
    // 12:05 on this machine's clock: a local trigger fires at local 12:05 in any zone.
    assert.deepEqual(r, { lastRun: 'Local', nextRun: 'Local', nextRunClock: '12:05', startIsString: true });
  });

  it('Get-LabNow is Local like Get-Date (and -Utc is the same instant, Kind Utc); lab dates stay UTC text', async () => {
    const data = await session.run(
      trusted(`$local = Get-LabNow; $utc = Get-LabNow -Utc
$local.Kind.ToString(); $utc.Kind.ToString()
[math]::Abs(($local.ToUniversalTime() - $utc).TotalSeconds) -lt 5
[math]::Abs(((Get-Date) - $local).TotalSeconds) -lt 5
ConvertTo-LabDateText (ConvertFrom-LabDateText '2026-03-08T06:30:00.000Z')
(ConvertFrom-LabDateText '2026-03-08T06:30:00.000Z' -Utc).Kind.ToString()`),
    );
    assert.deepEqual(data, ['Local', 'Utc', true, true, '2026-03-08T06:30:00.000Z', 'Utc']);
  });
});
