// What a lab host lists before anyone changed it, as the real machine does: the \Microsoft\Windows\ scheduled tasks
// Windows registers itself (with their real service-account and group principals), the roles / role services /
// features of Windows Server 2022 (Get-WindowsFeature, with the tree and what Install-WindowsFeature brings along) and
// the capabilities of Windows 11 (Get-WindowsCapability); and how all of these print (the modules' format data).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { readLab } from '../../electron/lab/lab.js';
import { labSession, newLab } from '../helpers/lab.js';
import { trusted } from '../helpers/pwsh.js';

interface TaskRow {
  Path: string;
  Name: string;
  State: string;
  UserId: string | null;
  GroupId: string | null;
  LogonType: string;
}

/** Every task the session's computer lists, with its principal, as plain rows. */
const LIST_TASKS = `ConvertTo-Json -Depth 3 -Compress -InputObject @(Get-ScheduledTask | ForEach-Object {
  [pscustomobject]@{ Path = $_.TaskPath; Name = $_.TaskName; State = [string]$_.State
    UserId = $_.Principal.UserId; GroupId = $_.Principal.GroupId; LogonType = [string]$_.Principal.LogonType }
})`;

async function listTasks(session: ReturnType<typeof labSession>): Promise<TaskRow[]> {
  const [json] = await session.run(trusted(LIST_TASKS));
  return JSON.parse(String(json)) as TaskRow[];
}

const find = (rows: TaskRow[], path: string, name: string): TaskRow | undefined =>
  rows.find((r) => r.Path === path && r.Name === name);

describe('built-in scheduled tasks (WEB01, Windows Server 2022)', () => {
  const dir = newLab('healthy');
  const session = labSession(dir);
  after(() => session.dispose());

  it('every host lists the \\Microsoft\\Windows\\ tasks with their real principals; none runs as a user account', async () => {
    const rows = await listTasks(session);
    const builtIn = rows.filter((r) => r.Path.startsWith('\\Microsoft\\Windows\\'));
    assert.ok(builtIn.length >= 15, `only ${builtIn.length} built-in tasks`);
    assert.equal(rows.length, builtIn.length, 'a fresh host has no other task');
    assert.deepEqual(find(rows, '\\Microsoft\\Windows\\Defrag\\', 'ScheduledDefrag'), {
      Path: '\\Microsoft\\Windows\\Defrag\\',
      Name: 'ScheduledDefrag',
      State: 'Ready',
      UserId: 'SYSTEM',
      GroupId: null,
      LogonType: 'ServiceAccount',
    });
    const queue = find(rows, '\\Microsoft\\Windows\\Windows Error Reporting\\', 'QueueReporting');
    assert.equal(queue?.GroupId, 'Users');
    assert.equal(queue?.LogonType, 'Group');
    assert.equal(
      find(rows, '\\Microsoft\\Windows\\Time Synchronization\\', 'SynchronizeTime')?.UserId,
      'LOCAL SERVICE',
    );
    assert.equal(find(rows, '\\Microsoft\\Windows\\Speech\\', 'SpeechModelDownloadTask')?.UserId, 'NETWORK SERVICE');
    assert.equal(find(rows, '\\Microsoft\\Windows\\Device Information\\', 'Device User')?.GroupId, 'INTERACTIVE');
    assert.ok(find(rows, '\\Microsoft\\Windows\\UpdateOrchestrator\\', 'Schedule Scan'));
    assert.ok(
      find(rows, '\\Microsoft\\Windows\\Server Manager\\', 'ServerManager'),
      'a server lists Server Manager tasks',
    );
    // Built-ins run as service accounts or groups, never as a (domain or local) user account.
    for (const r of builtIn) {
      const service = ['SYSTEM', 'LOCAL SERVICE', 'NETWORK SERVICE'].includes(r.UserId ?? '');
      assert.ok(
        (service && r.LogonType === 'ServiceAccount') || (r.UserId === null && r.GroupId && r.LogonType === 'Group'),
        `${r.Path}${r.Name} runs as ${r.UserId ?? r.GroupId} (${r.LogonType})`,
      );
    }
    // The state records none of them: they are the host's catalogue, not something anyone registered.
    assert.deepEqual(readLab(dir).hosts.WEB01?.tasks, []);
    const [userTasks] = await session.run(
      trusted("@(Get-ScheduledTask | Where-Object { $_.Principal.UserId -like 'CONTOSO\\*' }).Count"),
    );
    assert.equal(userTasks, 0);
  });

  it('built-in tasks run, change and unregister like any task; the state records only what changed', async () => {
    const [result, state] = await session.run(
      trusted(`Start-ScheduledTask -TaskName 'ScheduledDefrag' -TaskPath '\\Microsoft\\Windows\\Defrag\\'
(Get-ScheduledTaskInfo -TaskName 'ScheduledDefrag' -TaskPath '\\Microsoft\\Windows\\Defrag\\').LastTaskResult
[string](Disable-ScheduledTask -TaskName 'SynchronizeTime' -TaskPath '\\Microsoft\\Windows\\Time Synchronization\\').State
Unregister-ScheduledTask -TaskName 'QueueReporting' -TaskPath '\\Microsoft\\Windows\\Windows Error Reporting\\' -Confirm:$false`),
    );
    assert.equal(result, 0, 'the built-in program exists on every host');
    assert.equal(state, 'Disabled');
    const rows = await listTasks(session);
    assert.equal(find(rows, '\\Microsoft\\Windows\\Time Synchronization\\', 'SynchronizeTime')?.State, 'Disabled');
    assert.equal(find(rows, '\\Microsoft\\Windows\\Windows Error Reporting\\', 'QueueReporting'), undefined);
    const web = readLab(dir).hosts.WEB01;
    assert.deepEqual(web?.tasks.map((t) => t.taskPath + t.taskName).sort(), [
      '\\Microsoft\\Windows\\Defrag\\ScheduledDefrag',
      '\\Microsoft\\Windows\\Time Synchronization\\SynchronizeTime',
    ]);
    assert.deepEqual(web?.removedTasks, ['\\Microsoft\\Windows\\Windows Error Reporting\\QueueReporting']);
    const gone = await session.run(
      trusted(
        "Get-ScheduledTask -TaskName 'QueueReporting' -ErrorAction SilentlyContinue -ErrorVariable e; [string]$e[0].FullyQualifiedErrorId",
      ),
    );
    assert.deepEqual(gone, ['CmdletizationQuery_NotFound_TaskName,Get-ScheduledTask']);
  });

  it('a Windows 11 client lists its own built-ins (no Server Manager tasks)', async () => {
    const client = labSession(dir, { computer: 'WS01' });
    try {
      const rows = await listTasks(client);
      assert.ok(find(rows, '\\Microsoft\\Windows\\Shell\\', 'FamilySafetyMonitor'));
      assert.ok(find(rows, '\\Microsoft\\Windows\\Defrag\\', 'ScheduledDefrag'));
      assert.equal(
        rows.filter((r) => r.Path === '\\Microsoft\\Windows\\Server Manager\\').length,
        0,
        'no Server Manager on a client',
      );
    } finally {
      await client.dispose();
    }
  });
});

interface FeatureRow {
  Name: string;
  DisplayName: string;
  FeatureType: string;
  Path: string;
  Depth: number;
  Parent: string | null;
  SubFeatures: string[];
  DependsOn: string[];
  Installed: boolean;
}

const FEATURES = (
  names: string,
) => `ConvertTo-Json -Depth 3 -Compress -InputObject @(Get-WindowsFeature ${names} | ForEach-Object {
  [pscustomobject]@{ Name = $_.Name; DisplayName = $_.DisplayName; FeatureType = $_.FeatureType; Path = $_.Path
    Depth = $_.Depth; Parent = $_.Parent; SubFeatures = @($_.SubFeatures); DependsOn = @($_.DependsOn); Installed = $_.Installed }
})`;

describe('the feature and capability catalogues (Windows Server 2022, Windows 11)', () => {
  const dir = newLab('healthy');
  const session = labSession(dir);
  after(() => session.dispose());

  async function features(names: string): Promise<FeatureRow[]> {
    const [json] = await session.run(trusted(FEATURES(names)));
    return JSON.parse(String(json)) as FeatureRow[];
  }

  it('Get-WindowsFeature lists Web Server (IIS) with its role services and the RSAT features, as a tree', async () => {
    const web = await features("'Web-*'");
    const names = web.map((f) => f.Name);
    for (const name of [
      'Web-Server',
      'Web-WebServer',
      'Web-Common-Http',
      'Web-Default-Doc',
      'Web-Static-Content',
      'Web-Http-Logging',
      'Web-Filtering',
      'Web-Windows-Auth',
      'Web-Asp-Net45',
      'Web-Mgmt-Tools',
      'Web-Mgmt-Console',
      'Web-Mgmt-Service',
    ]) {
      assert.ok(names.includes(name), `${name} is missing`);
    }
    // Windows' order: the role, then each sub-tree depth-first.
    assert.deepEqual(names.slice(0, 4), ['Web-Server', 'Web-WebServer', 'Web-Common-Http', 'Web-Default-Doc']);
    const doc = web.find((f) => f.Name === 'Web-Default-Doc');
    assert.deepEqual(doc, {
      Name: 'Web-Default-Doc',
      DisplayName: 'Default Document',
      FeatureType: 'Role Service',
      Path: 'Web Server (IIS)\\Web Server\\Common HTTP Features\\Default Document',
      Depth: 4,
      Parent: 'Web-Common-Http',
      SubFeatures: [],
      DependsOn: [],
      Installed: false,
    });
    const role = web.find((f) => f.Name === 'Web-Server');
    assert.equal(role?.FeatureType, 'Role');
    assert.equal(role?.Depth, 1);
    assert.deepEqual(role?.SubFeatures, ['Web-WebServer', 'Web-Ftp-Server', 'Web-Mgmt-Tools']);
    assert.deepEqual(web.find((f) => f.Name === 'Web-Asp-Net45')?.DependsOn, [
      'Web-Net-Ext45',
      'Web-ISAPI-Ext',
      'Web-ISAPI-Filter',
      'NET-Framework-45-ASPNET',
    ]);
    const [rsat] = await features('RSAT-AD-PowerShell');
    assert.equal(
      rsat?.Path,
      'Remote Server Administration Tools\\Role Administration Tools\\AD DS and AD LDS Tools\\Active Directory module for Windows PowerShell',
    );
    assert.equal(rsat?.Installed, true, 'the scenario installed it');
    // A fresh server has what Windows Server 2022 installs itself.
    const [ps] = await features('PowerShell');
    assert.equal(ps?.Installed, true);
  });

  it('Install-WindowsFeature brings parents, default role services, -IncludeAllSubFeature and -IncludeManagementTools', async () => {
    const installed = async (script: string): Promise<string[]> => {
      const [json] = await session.run(
        trusted(`ConvertTo-Json -Compress -InputObject @((${script}).FeatureResult | ForEach-Object { $_.Name })`),
      );
      return JSON.parse(String(json)) as string[];
    };
    // A role service: its parents come with it, its siblings do not.
    assert.deepEqual(await installed('Install-WindowsFeature Web-Windows-Auth'), [
      'Web-Server',
      'Web-WebServer',
      'Web-Security',
      'Web-Windows-Auth',
    ]);
    // A role service with dependencies: they come too (with their own parents and dependencies).
    assert.deepEqual((await installed('Install-WindowsFeature Web-Asp-Net45')).sort(), [
      'NET-Framework-45-ASPNET',
      'Web-App-Dev',
      'Web-Asp-Net45',
      'Web-ISAPI-Ext',
      'Web-ISAPI-Filter',
      'Web-Net-Ext45',
    ]);
    // Naming a parent installs its default sub-features; -IncludeAllSubFeature installs them all.
    assert.deepEqual(await installed('Install-WindowsFeature Web-Common-Http'), [
      'Web-Common-Http',
      'Web-Default-Doc',
      'Web-Dir-Browsing',
      'Web-Http-Errors',
      'Web-Static-Content',
    ]);
    assert.deepEqual(await installed('Install-WindowsFeature Web-Common-Http -IncludeAllSubFeature'), [
      'Web-Http-Redirect',
      'Web-DAV-Publishing',
    ]);
    // -IncludeManagementTools adds the role's management tools (here: the IIS Management Console).
    const withTools = await installed('Install-WindowsFeature Web-Server -IncludeManagementTools');
    assert.ok(withTools.includes('Web-Mgmt-Console') && withTools.includes('Web-Mgmt-Tools'), withTools.join());
    assert.ok(withTools.includes('Web-Http-Logging') && withTools.includes('Web-Filtering'), withTools.join());
    assert.ok(!withTools.includes('Web-Mgmt-Service'), 'not a default');
    const features = readLab(dir).hosts.WEB01?.features ?? {};
    assert.equal(features['Web-Mgmt-Console'], true);
    assert.equal(features['Web-Mgmt-Service'], undefined);
    // Feature objects bind to -Name: what Get-WindowsFeature returns can be installed.
    const [piped] = await session.run(
      trusted('@(Get-WindowsFeature Web-Ftp-Service | Install-WindowsFeature)[0].FeatureResult.Name -join ","'),
    );
    assert.equal(piped, 'Web-Ftp-Server,Web-Ftp-Service');
  });

  it('Get-WindowsCapability on Windows 11 lists the Features on Demand (RSAT and others) and adds them', async () => {
    const client = labSession(dir, { computer: 'WS01' });
    try {
      const [json] = await client.run(
        trusted(`@(Get-WindowsCapability -Online | ForEach-Object { [pscustomobject]@{
  Name = $_.Name; State = [string]$_.State; Type = $_.PSObject.TypeNames[0]; HasDisplayName = $null -ne $_.PSObject.Properties['DisplayName'] } }) | ConvertTo-Json -Compress`),
      );
      const all = JSON.parse(String(json)) as { Name: string; State: string; Type: string; HasDisplayName: boolean }[];
      const byName = new Map(all.map((c) => [c.Name, c]));
      assert.equal(byName.get('Msix.PackagingTool.Driver~~~~0.0.1.0')?.State, 'NotPresent');
      assert.equal(byName.get('OpenSSH.Client~~~~0.0.1.0')?.State, 'Installed');
      assert.equal(
        byName.get('Rsat.ActiveDirectory.DS-LDS.Tools~~~~0.0.1.0')?.State,
        'Installed',
        'the scenario installed it',
      );
      const rsat = all.filter((c) => c.Name.startsWith('Rsat.'));
      assert.ok(rsat.length >= 15, `only ${rsat.length} RSAT capabilities`);
      assert.ok(byName.has('Rsat.Dns.Tools~~~~0.0.1.0') && byName.has('Rsat.GroupPolicy.Management.Tools~~~~0.0.1.0'));
      // The listing holds basic objects (name and state); -Name gets the details.
      assert.ok(all.every((c) => c.Type === 'Microsoft.Dism.Commands.BasicCapabilityObject' && !c.HasDisplayName));
      const [detail, added, after] = await client.run(
        trusted(`$c = Get-WindowsCapability -Online -Name 'Msix.PackagingTool.Driver~~~~0.0.1.0'; $c.DisplayName
(Add-WindowsCapability -Online -Name 'Msix.PackagingTool.Driver~~~~0.0.1.0').Online
[string](Get-WindowsCapability -Online -Name 'Msix.PackagingTool.Driver~~~~0.0.1.0').State`),
      );
      assert.equal(detail, 'MSIX Packaging Tool Driver');
      assert.equal(added, true);
      assert.equal(after, 'Installed');
      assert.equal(readLab(dir).hosts.WS01?.capabilities['Msix.PackagingTool.Driver~~~~0.0.1.0'], true);
    } finally {
      await client.dispose();
    }
  });
});

describe('format data: tasks, features and capabilities print as on Windows', () => {
  const dir = newLab('healthy');
  const session = labSession(dir);
  after(() => session.dispose());

  const lines = async (s: ReturnType<typeof labSession>, script: string): Promise<string[]> => {
    const [text] = await s.run(trusted(`${script} | Out-String -Width 160`));
    return String(text)
      .split(/\r?\n/)
      .map((l) => l.trimEnd())
      .filter((l) => l !== '');
  };

  it('Get-ScheduledTask prints a TaskPath / TaskName / State table', async () => {
    const out = await lines(session, "Get-ScheduledTask -TaskPath '\\Microsoft\\Windows\\Defrag\\'");
    assert.match(out[0] ?? '', /^TaskPath\s+TaskName\s+State$/);
    assert.match(out[1] ?? '', /^-{8}\s+-{8}\s+-{5}$/);
    assert.match(out[2] ?? '', /^\\Microsoft\\Windows\\Defrag\\\s+ScheduledDefrag\s+Ready$/);
    assert.equal(out.length, 3);
  });

  it('Get-WindowsFeature prints Display Name ([X]/[ ], indented by depth) / Name / Install State', async () => {
    const out = await lines(
      session,
      'Get-WindowsFeature Web-Server, Web-WebServer, Web-Common-Http, Web-Default-Doc, RSAT-AD-PowerShell',
    );
    assert.match(out[0] ?? '', /^Display Name\s+Name\s+Install State$/);
    assert.match(out[2] ?? '', /^\[ \] Web Server \(IIS\)\s+Web-Server\s+Available$/);
    assert.match(out[3] ?? '', /^ {4}\[ \] Web Server\s+Web-WebServer\s+Available$/);
    assert.match(out[4] ?? '', /^ {8}\[ \] Common HTTP Features\s+Web-Common-Http\s+Available$/);
    assert.match(out[5] ?? '', /^ {12}\[ \] Default Document\s+Web-Default-Doc\s+Available$/);
    assert.match(
      out[6] ?? '',
      /^ {12}\[X\] Active Directory module for Windows Po\S*\s+RSAT-AD-PowerShell\s+Installed$/,
    );
    const result = await lines(session, 'Install-WindowsFeature Web-Default-Doc');
    assert.match(result[0] ?? '', /^Success\s+Restart Needed\s+Exit Code\s+Feature Result$/);
    assert.match(
      result[2] ?? '',
      /^True\s+No\s+Success\s+\{Web Server \(IIS\), Web Server, Common HTTP Features, Default Document\}$/,
    );
  });

  it('Get-WindowsCapability prints Name / State (the listing) and the details for -Name', async () => {
    const client = labSession(dir, { computer: 'WS01' });
    try {
      const listing = await lines(client, "Get-WindowsCapability -Online | Where-Object Name -like 'OpenSSH*'");
      assert.deepEqual(listing, [
        'Name  : OpenSSH.Client~~~~0.0.1.0',
        'State : Installed',
        'Name  : OpenSSH.Server~~~~0.0.1.0',
        'State : NotPresent',
      ]);
      const detail = await lines(client, "Get-WindowsCapability -Online -Name 'Msix.PackagingTool.Driver~~~~0.0.1.0'");
      assert.deepEqual(
        detail.flatMap((l) => /^(\w+)\s+:/.exec(l)?.[1] ?? []),
        ['Name', 'State', 'DisplayName', 'Description', 'DownloadSize', 'InstallSize'],
      );
      assert.equal(detail[2], 'DisplayName  : MSIX Packaging Tool Driver');
    } finally {
      await client.dispose();
    }
  });
});
