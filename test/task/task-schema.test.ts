// The task part of a plan (schema messages, the action line), the LastTaskResult decoder, the read-back comparison,
// the "writable by non-administrators" rule, and the task scripts' Windows PowerShell 5.1 syntax.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { parsePlan, PlanInputError } from '../../electron/common/plan/plan-schema.js';
import { gpoInstruction, gpoPathText } from '../../electron/common/workloads/shared/logon-right.js';
import { taskScriptSamples } from './task-samples.js';
import {
  durationMinutes,
  splitTaskUri,
  taskDifferences,
  type TaskRaw,
} from '../../electron/common/workloads/scheduled-task/scheduled-task.js';
import { writableByOthers, type AclRaw } from '../../electron/common/workloads/shared/acl.js';
import {
  actionLine,
  DEFAULT_STOP_AFTER_MINUTES,
  parentFolder,
  taskSettingsSchema,
  type TaskSettingsInput,
} from '../../electron/common/workloads/scheduled-task/task-schema.js';
import { decodeTaskResult } from '../../electron/common/workloads/scheduled-task/test-run.js';
import { testSession } from '../helpers/pwsh.js';
import { scanForPs7Syntax } from '../powershell/ps51-scan.js';

const base: TaskSettingsInput = {
  name: 'Nightly Report',
  action: { kind: 'powershell-script', path: 'C:\\Scripts\\Nightly-Report.ps1' },
};
const problems = (input: unknown): string[] =>
  taskSettingsSchema.safeParse(input).error?.issues.map((i) => i.message) ?? [];

describe('decodeTaskResult', () => {
  const table: [number, string, RegExp, RegExp][] = [
    [0, '0x0', /completed successfully/, /^$/],
    [0x41301, '0x41301', /still running/, /Wait for it/],
    [0x41303, '0x41303', /has not run yet/, /Start-ScheduledTask/],
    [0x80070569, '0x80070569', /"Log on as a batch job"/, /batch-right step.*GPO.*gpupdate/],
    [
      0x8007052e,
      '0x8007052E',
      /Logon failure.*cannot retrieve the account's managed password/,
      /klist purge -li 0x3e7.*Test-ADServiceAccount/,
    ],
    [0x80070002, '0x80070002', /was not found/, /path exists on the host/],
    [0x80070005, '0x80070005', /Access is denied/, /icacls/],
    [0x80070534, '0x80070534', /does not exist/, /DOMAIN\\name\$/],
    [0x80070576, '0x80070576', /clock/, /w32tm \/resync/],
    [0x800710e0, '0x800710E0', /only when the user is logged on/, /LogonType Password/],
    [0x41306, '0x41306', /terminated/, /limit/],
    [1, '0x1', /exit code 1/, /Start-Transcript/],
    [0x800705b4, '0x800705B4', /Windows error 1460/, /net helpmsg 1460/],
    [0x8004ffff, '0x8004FFFF', /does not know/, /certutil -error 0x8004FFFF/],
  ];
  for (const [code, hex, meaning, fix] of table) {
    it(`${hex}`, () => {
      const r = decodeTaskResult(code);
      assert.equal(r.code, code >>> 0);
      assert.equal(r.hex, hex);
      assert.match(r.meaning, meaning);
      assert.match(r.fix, fix);
    });
  }
  it('reads a signed 32-bit value as the same unsigned code, and refuses non-codes', () => {
    assert.deepEqual(decodeTaskResult(0x8007052e | 0), decodeTaskResult(0x8007052e));
    assert.match(decodeTaskResult(1.5).meaning, /not a task result code/);
    assert.match(decodeTaskResult(2 ** 33).meaning, /not a task result code/);
  });
});

describe('the task schema', () => {
  it('fills the defaults: root folder, daily at 12:05, highest privileges off, stop after 72 hours', () => {
    const t = taskSettingsSchema.parse(base);
    assert.equal(t.folder, '\\');
    assert.deepEqual(t.trigger, { kind: 'daily', at: '12:05' });
    assert.equal(t.highestPrivileges, false);
    assert.equal(t.stopAfterMinutes, DEFAULT_STOP_AFTER_MINUTES);
    assert.equal(t.stopAfterMinutes, 4320);
    assert.deepEqual(taskSettingsSchema.parse({ ...base, trigger: { kind: 'daily' } }).trigger, {
      kind: 'daily',
      at: '12:05',
    });
  });

  it('normalises folders and orders weekly days', () => {
    assert.equal(taskSettingsSchema.parse({ ...base, folder: 'MSA Wizard' }).folder, '\\MSA Wizard\\');
    assert.equal(taskSettingsSchema.parse({ ...base, folder: '\\A\\B' }).folder, '\\A\\B\\');
    const weekly = taskSettingsSchema.parse({
      ...base,
      trigger: { kind: 'weekly', days: ['Friday', 'Monday', 'Friday'] },
    });
    assert.deepEqual(weekly.trigger, { kind: 'weekly', at: '12:05', days: ['Monday', 'Friday'] });
  });

  it('says what to change', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...base, name: '' }, /Enter a name for the task/],
      [{ ...base, name: 'a/b' }, /Use only letters, digits, spaces/],
      [{ ...base, name: "x'; whoami" }, /Use only letters/],
      [{ ...base, name: 'Report.' }, /cannot end with a space or a dot/],
      [{ ...base, folder: '\\Microsoft\\Windows\\' }, /folder of your own/],
      [{ ...base, folder: '\\a\\\\b\\' }, /no empty parts/],
      [
        { ...base, action: { kind: 'powershell-script', path: 'Scripts\\x.ps1' } },
        /full path of the script path: a drive letter/,
      ],
      [{ ...base, action: { kind: 'powershell-script', path: 'C:\\Scripts\\x.txt' } }, /ends in \.ps1/],
      [{ ...base, action: { kind: 'powershell-script', path: 'C:\\Scripts\\*.ps1' } }, /wildcard/],
      [{ ...base, action: { kind: 'powershell-script', path: 'C:\\Scr"ipts\\x.ps1' } }, /does not allow in file names/],
      [{ ...base, action: { kind: 'powershell-script', path: 'C:\\Scripts\\x\n.ps1' } }, /control characters/],
      [{ ...base, action: { kind: 'powershell-script', path: '%SystemRoot%\\x.ps1' } }, /environment variables/],
      [{ ...base, action: { kind: 'powershell-script', path: 'C:/Scripts/x.ps1' } }, /backslashes/],
      [{ ...base, action: { kind: 'powershell-script', path: 'C:\\Scripts\\..\\x.ps1' } }, /'\.' or '\.\.'/],
      [{ ...base, action: { kind: 'powershell-script', path: 'C:\\Scripts\\x.ps1:stream.ps1' } }, /colon/],
      [{ ...base, action: { kind: 'program', path: 'C:\\Tools\\' } }, /not of a folder/],
      [{ ...base, action: { kind: 'batch', path: 'C:\\x.bat' } }, /Choose the action/],
      [{ ...base, action: { ...base.action, arguments: 'a\tb' } }, /control characters.*arguments/],
      [{ ...base, trigger: { kind: 'daily', at: '24:00' } }, /HH:MM/],
      [{ ...base, trigger: { kind: 'once', at: '2031-02-30T10:00' } }, /does not exist/],
      [{ ...base, trigger: { kind: 'weekly', days: [] } }, /at least one day/],
      [{ ...base, trigger: { kind: 'weekly', days: ['Lundi'] } }, /Days are Sunday/],
      [{ ...base, trigger: { kind: 'hourly' } }, /Choose the trigger/],
      [
        { ...base, trigger: { kind: 'startup' }, repetition: { intervalMinutes: 5 } },
        /Repetition needs a time trigger/,
      ],
      [{ ...base, repetition: { intervalMinutes: 30, durationMinutes: 10 } }, /at least one interval \(30 minutes\)/],
      [{ ...base, repetition: { intervalMinutes: 0 } }, /every minute/],
      [{ ...base, stopAfterMinutes: -1 }, /cannot be negative/],
      [{ ...base, stopAfterMinutes: 1.5 }, /whole minutes/],
      [{ ...base, highestPrivileges: 'yes' }, /highest privileges/],
    ];
    for (const [input, message] of cases) {
      assert.match(problems(input).join(' | '), message, JSON.stringify(input));
    }
  });

  it('parsePlan validates the account and the task together, with paths; unknown task fields are problems', () => {
    assert.throws(
      () =>
        parsePlan({
          accountType: 'gmsa',
          name: 'svc web',
          targetComputer: 'WEB01',
          task: { ...base, name: '', action: { ...base.action, shell: 'cmd' }, trigger: { kind: 'daily', every: 2 } },
        }),
      (e: unknown) =>
        e instanceof PlanInputError &&
        e.issues.some((i) => i.path === 'name') &&
        e.issues.some((i) => i.path === 'task.name') &&
        e.issues.some((i) => i.path === 'task.action.shell' && i.message === 'Remove the unknown field shell.') &&
        e.issues.some((i) => i.path === 'task.trigger.every' && i.message === 'Remove the unknown field every.'),
    );
  });

  it('builds the action line: powershell.exe -File "<path>" then the arguments, untouched', () => {
    const args = `-Name "O'Brien" $(Stop-Computer) ; & calc`;
    const line = actionLine(taskSettingsSchema.parse({ ...base, action: { ...base.action, arguments: args } }).action);
    assert.equal(line.execute, 'powershell.exe');
    assert.equal(
      line.arguments,
      `-NoProfile -NonInteractive -ExecutionPolicy Bypass -File "C:\\Scripts\\Nightly-Report.ps1" ${args}`,
    );
    const program = actionLine(
      taskSettingsSchema.parse({ ...base, action: { kind: 'program', path: '\\\\srv\\share\\r.exe' } }).action,
    );
    assert.deepEqual(program, { execute: '\\\\srv\\share\\r.exe', arguments: null, workingDirectory: null });
    assert.equal(parentFolder('C:\\Scripts\\x.ps1'), 'C:\\Scripts');
    assert.equal(parentFolder('C:\\x.ps1'), 'C:\\');
    assert.deepEqual(splitTaskUri('\\MSA\\Nightly Report'), { taskPath: '\\MSA\\', taskName: 'Nightly Report' });
  });
});

describe('comparing a registered task', () => {
  const read: TaskRaw = {
    taskName: 'Nightly Report',
    taskPath: '\\',
    state: 'Ready',
    actions: [
      {
        execute: 'powershell.exe',
        arguments: '-NoProfile -NonInteractive -ExecutionPolicy Bypass -File "C:\\Scripts\\Nightly-Report.ps1"',
        workingDirectory: null,
      },
    ],
    triggers: [
      {
        class: 'MSFT_TaskDailyTrigger',
        startBoundary: '2030-01-01T12:05:00+01:00',
        daysOfWeek: null,
        repetitionInterval: null,
        repetitionDuration: null,
        enabled: true,
      },
    ],
    principal: { userId: 'svc-web$', logonType: 'Password', runLevel: 'Limited', groupId: null },
    executionTimeLimit: 'PT72H',
    enabled: true,
  };
  const task = taskSettingsSchema.parse(base);

  it('is the same task whether Windows shows the user as name$ or DOMAIN\\name$, and 72 hours as PT72H or P3D', () => {
    assert.deepEqual(taskDifferences(read, task, 'CONTOSO\\svc-web$'), []);
    assert.deepEqual(taskDifferences({ ...read, executionTimeLimit: 'P3D' }, task, 'CONTOSO\\svc-web$'), []);
  });

  it('lists each difference in words', () => {
    const other: TaskRaw = {
      ...read,
      principal: { userId: 'CONTOSO\\other$', logonType: 'Interactive', runLevel: 'Highest', groupId: null },
      triggers: [{ ...read.triggers[0]!, startBoundary: '2030-01-01T09:00:00', repetitionInterval: 'PT15M' }],
      executionTimeLimit: 'PT0S',
      enabled: false,
    };
    const d = taskDifferences(other, task, 'CONTOSO\\svc-web$').join('; ');
    assert.match(d, /its trigger is daily at 09:00, not daily at 12:05/);
    assert.match(d, /it repeats every 15 minutes indefinitely/);
    assert.match(d, /it runs as CONTOSO\\other\$/);
    assert.match(d, /logon type is Interactive, not Password/);
    assert.match(d, /runs with highest privileges/);
    assert.match(d, /stops after no time limit, not 4320 minutes/);
    assert.match(d, /disabled/);
    assert.equal(durationMinutes('PT1H30M'), 90);
    assert.equal(durationMinutes(''), null);
  });
});

describe('who can change the script', () => {
  const acl = (
    access: AclRaw['access'],
    owner = 'BUILTIN\\Administrators',
    ownerSid: string | null = null,
  ): AclRaw => ({
    path: 'C:\\Scripts\\x.ps1',
    owner,
    ownerSid,
    access,
  });
  const ace = (identity: string, rights: number, extra: Partial<AclRaw['access'][number]> = {}) => ({
    identity,
    sid: null,
    rights,
    allow: true,
    inherited: false,
    inheritOnly: false,
    ...extra,
  });

  it('flags non-administrators with write, modify, full control or permission rights; not admins, SYSTEM, read-only or deny', () => {
    const found = writableByOthers(
      acl([
        ace('BUILTIN\\Administrators', 0x1f01ff),
        ace('NT AUTHORITY\\SYSTEM', 0x1f01ff),
        ace('CONTOSO\\Domain Admins', 0x1f01ff),
        ace('VORDEFINIERT\\Administratoren', 0x1f01ff, { sid: 'S-1-5-32-544' }),
        ace('BUILTIN\\Users', 0x1200a9),
        ace('NT AUTHORITY\\Authenticated Users', 0x301bf, { inherited: true }),
        ace('CONTOSO\\helpdesk', 0x40000),
        ace('Everyone', 0x1f01ff, { allow: false }),
        ace('CREATOR OWNER', 0x10000000, { inheritOnly: true }),
        ace('CONTOSO\\svc-web$', 0x301bf),
      ]),
      false,
      'CONTOSO\\svc-web$',
    );
    assert.deepEqual(found, [
      'NT AUTHORITY\\Authenticated Users (Modify, inherited)',
      'CONTOSO\\helpdesk (Change permissions)',
    ]);
    assert.deepEqual(writableByOthers(acl([], 'CONTOSO\\jdoe'), false, 'CONTOSO\\svc-web$'), [
      'CONTOSO\\jdoe (the owner, who can change the permissions)',
    ]);
    // A folder: creating files (0x2) counts, creating subfolders only (0x4) does not.
    assert.deepEqual(writableByOthers(acl([ace('BUILTIN\\Users', 0x4)]), true, 'x'), []);
    assert.deepEqual(writableByOthers(acl([ace('BUILTIN\\Users', 0x2)]), true, 'x'), ['BUILTIN\\Users (Write)']);
  });
});

describe('the GPO instruction', () => {
  it('is the console path with the account ready to paste', () => {
    const g = gpoInstruction('Server Baseline', 'CONTOSO\\svc-web$');
    assert.equal(
      gpoPathText(g),
      'Group Policy Management → Server Baseline → Computer Configuration → Policies → Windows Settings → Security Settings → Local Policies → User Rights Assignment → Log on as a batch job',
    );
    assert.equal(g.account, 'CONTOSO\\svc-web$');
  });
});

describe('the task scripts', () => {
  const session = testSession();
  after(() => session.dispose());

  it('use Windows PowerShell 5.1 syntax only, and every value is a literal', async () => {
    const samples = taskScriptSamples();
    const findings = await scanForPs7Syntax(
      session,
      samples.map((s) => ({ name: s.name, text: s.script.text })),
    );
    assert.equal(findings.length, samples.length);
    assert.deepEqual(
      findings.filter((f) => f.problems.length > 0),
      [],
    );
    const register = samples.find((s) => s.name === 'task step scheduled-task (task 1)')?.script.text ?? '';
    assert.match(
      register,
      /'-NoProfile -NonInteractive -ExecutionPolicy Bypass -File "C:\\Scripts\\O''Brien \$\(x\)\.ps1" -Name ''it''''s'' \$\(y\)'/,
    );
    assert.match(
      register,
      /\n\$principal = New-ScheduledTaskPrincipal -UserId \(Get-MsaTaskAccount '[^']+'\) -LogonType Password -RunLevel Highest\n/,
    );
    // The step leads with the commands an admin types, named parameters on one line, after the folded helpers.
    const visible = register.slice(register.indexOf('\n#endregion\n') + '\n#endregion\n'.length).split('\n');
    assert.match(
      visible.slice(0, 10).join('\n'),
      /\n\$action = New-ScheduledTaskAction -Execute 'powershell\.exe' -Argument /,
    );
    assert.match(
      visible.slice(0, 10).join('\n'),
      /\nif \(\$register\) \{ Register-ScheduledTask -TaskName 'Weekly' -TaskPath '\\MSA Wizard\\' -Action \$action -Trigger \$trigger -Principal \$principal -Settings \(New-ScheduledTaskSettingsSet -ExecutionTimeLimit/,
    );
    assert.match(register, /-DaysOfWeek @\('Monday', 'Friday'\)/);
    assert.match(register, /-ExecutionTimeLimit \(New-TimeSpan -Minutes 0\)/);
    const daily = samples.find((s) => s.name === 'task step scheduled-task (task 0)')?.script.text ?? '';
    assert.doesNotMatch(daily, /-RunLevel/);
    assert.match(daily, /-Minutes 4320/);
    const undo = samples.find((s) => s.name === 'task step scheduled-task undo (task 0)')?.script.text ?? '';
    assert.match(undo, /Unregister-ScheduledTask -TaskName 'it''s' -TaskPath '\\MSA Wizard\\' -Confirm:\$false/);
  });
});
