// The existing-task kind without a lab: its settings' rules and words, which accounts undo can set back, the exact
// command it gives otherwise, and every script the kind builds (both steps in both modes, their judges, every undo,
// the survey part, the picker, the health check) parsed by pwsh, bound to the documented parameter sets, free of
// PowerShell-7-only syntax, ASCII, and holding hostile task names only as literals.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { parsePlan, type Plan } from '../../electron/common/plan/plan-schema.js';
import { ps } from '../../electron/common/powershell/script.js';
import { joinPrelude, type CreatedObject } from '../../electron/common/steps/types.js';
import { plannedTasksCheck } from '../../electron/common/workloads/existing-task/host-check.js';
import { existingTaskWorkload } from '../../electron/common/workloads/existing-task/index.js';
import { TASK_LIST_SCRIPT } from '../../electron/common/workloads/existing-task/list.js';
import {
  describeExistingTask,
  existingTaskSettingsSchema,
  type ExistingTaskSettings,
  type ExistingTaskSettingsInput,
} from '../../electron/common/workloads/existing-task/settings.js';
import { needsPassword, setBackCommand } from '../../electron/common/workloads/existing-task/task-words.js';
import { undoExistingTask } from '../../electron/common/workloads/existing-task/undo.js';
import { MOVE_STEP_HELPERS } from '../../electron/common/workloads/existing-task/move-step.js';
import { workloadSteps } from '../../electron/common/workloads/all-steps.js';
import type { WorkloadContext } from '../../electron/common/workloads/types.js';
import { checkScripts, scanCommands } from '../export/command-binding.js';
import { testSession, trusted } from '../helpers/pwsh.js';
import { hostileStrings } from '../powershell/hostile-corpus.js';
import { scanForPs7Syntax } from '../powershell/ps51-scan.js';

const session = testSession();
after(() => session.dispose());

const plan: Plan = parsePlan({
  accountType: 'gmsa',
  name: 'svc-report',
  description: 'Reports',
  gmsa: { group: { mode: 'new', name: 'gMSA-Report-Hosts', scope: 'Global' }, computers: ['WEB01'] },
  targetComputer: 'WEB01',
});

const ctx = (input: ExistingTaskSettingsInput): WorkloadContext<ExistingTaskSettings> => ({
  plan,
  workload: {
    id: 'existing-task',
    kind: 'existing-task',
    host: 'WEB01',
    settings: existingTaskSettingsSchema.parse(input),
  },
});

const messages = (input: unknown): string[] => {
  const r = existingTaskSettingsSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('existing-task settings', () => {
  it('defaults: the root folder, side by side, test run, not acknowledged; the folder written as TaskPath', () => {
    assert.deepEqual(existingTaskSettingsSchema.parse({ taskName: 'Export inactive users', taskPath: 'Reports' }), {
      taskPath: '\\Reports\\',
      taskName: 'Export inactive users',
      mode: 'side-by-side',
      testRun: true,
      acknowledgeNoRestore: false,
    });
    assert.equal(existingTaskSettingsSchema.parse({ taskName: 'x' }).taskPath, '\\');
    assert.equal(
      describeExistingTask(existingTaskSettingsSchema.parse({ taskName: 'Export', taskPath: '\\Reports\\' })),
      '\\Reports\\Export, side by side as "Export (gMSA)"',
    );
    assert.equal(
      describeExistingTask(existingTaskSettingsSchema.parse({ taskName: 'Export', mode: 'in-place', testRun: false })),
      '\\Export, in place, no test run',
    );
  });

  it('refuses what Task Scheduler cannot name, built-in tasks, other modes and unknown fields, saying what to change', () => {
    assert.deepEqual(messages({ taskName: 'a:b' }), ['taskName: A task name cannot contain \\ / : * ? " < > |.']);
    assert.deepEqual(messages({ taskName: '' }), [
      'taskName: Enter the name of the task (TaskName, as Get-ScheduledTask shows it).',
    ]);
    assert.deepEqual(messages({ taskName: 'x.' }), ['taskName: A task name cannot end with a space or a dot.']);
    assert.deepEqual(messages({ taskName: 'tab\there' }), [
      'taskName: Remove the control characters (tabs, line breaks) from the task name.',
    ]);
    assert.deepEqual(messages({ taskName: 'x', taskPath: '\\a\\\\b\\' }), [
      'taskPath: Write the folder as \\Name\\ or \\Name\\Sub\\ (TaskPath, as Get-ScheduledTask shows it): no empty parts, none of / : * ? " < > |.',
    ]);
    assert.match(messages({ taskName: 'x', taskPath: '\\Microsoft\\Windows\\' })[0] ?? '', /built-in tasks/);
    assert.deepEqual(messages({ taskName: 'x', mode: 'inplace' }), [
      "mode: Choose how to move the task: 'side-by-side' (default) or 'in-place'.",
    ]);
    assert.deepEqual(messages({ taskName: 'x', every: 1 }), [': Remove the unknown field every.']);
    assert.equal(messages({ taskName: 'x'.repeat(201) }).length, 1);
  });

  it('its steps in a plan: the batch right of the host first, then the move and the test run', () => {
    const withTask = parsePlan({
      ...plan,
      workloads: [{ kind: 'existing-task', settings: { taskPath: '\\Reports\\', taskName: 'Export inactive users' } }],
    });
    assert.deepEqual(
      workloadSteps(withTask).map((s) => [s.id, s.host, s.title]),
      [
        ['batch-right@WEB01', 'WEB01', 'Grant "Log on as a batch job" on WEB01'],
        [
          'existing-task-move@existing-task',
          'WEB01',
          'Copy \\Reports\\Export inactive users as svc-report$ and disable the original',
        ],
        ['existing-task-test-run@existing-task', 'WEB01', 'Test run \\Reports\\Export inactive users (gMSA)'],
      ],
    );
  });
});

describe('undo words', () => {
  it('built-in and managed accounts go back without a password; a user account needs the command', () => {
    for (const a of [
      'SYSTEM',
      'NT AUTHORITY\\SYSTEM',
      'LOCAL SERVICE',
      'NT AUTHORITY\\NetworkService',
      'CONTOSO\\old$',
    ])
      assert.equal(needsPassword(a), false, a);
    for (const a of ['CONTOSO\\svc-report-user', 'svc-report-user@contoso.com', '.\\localadmin'])
      assert.equal(needsPassword(a), true, a);
    assert.equal(
      setBackCommand('\\Reports\\', 'Export inactive users', 'CONTOSO\\svc-report-user'),
      "Set-ScheduledTask -TaskPath '\\Reports\\' -TaskName 'Export inactive users' -User 'CONTOSO\\svc-report-user' -Password '<its password>'",
    );
  });

  it('the command, parsed by PowerShell, names the same task for any name the schema takes', async () => {
    const names = hostileStrings(80)
      .map((n) => existingTaskSettingsSchema.safeParse({ taskName: n }))
      .flatMap((r) => (r.success ? [r.data.taskName] : []));
    assert.ok(names.length > 20, `${names.length} hostile names pass the schema`);
    const lines = names.map((n) => setBackCommand('\\Reports\\', n, "CONTOSO\\o'brien"));
    const read = ps`foreach ($line in ${lines}) {
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($line, [ref]$null, [ref]$null)
    $command = $ast.Find({ param($x) $x -is [System.Management.Automation.Language.CommandAst] }, $true)
    $e = $command.CommandElements
    $name = $e[4]
    # A name PowerShell would read otherwise stands in parentheses ('--%'): its value is the string inside.
    if ($name -is [System.Management.Automation.Language.ParenExpressionAst]) { $name = $name.Pipeline.PipelineElements[0].Expression }
    [ordered]@{ name = $name.Value; user = $e[6].Value; count = $e.Count }
}`;
    const parsed = (await session.run(read)) as { name: string; user: string; count: number }[];
    assert.equal(parsed.length, names.length);
    parsed.forEach((p, i) => assert.deepEqual(p, { name: names[i], user: "CONTOSO\\o'brien", count: 9 }));
  });

  it('an in-place undo that cannot restore a user account throws before any change, giving the command', async () => {
    const text = undoExistingTask(
      [
        { kind: 'task-principal', identity: '\\A', parent: 'WEB01', previous: 'NT AUTHORITY\\SYSTEM' },
        { kind: 'task-principal', identity: '\\B', parent: 'WEB01', previous: 'CONTOSO\\svc-report-user' },
      ],
      ctx({ taskName: 'A', mode: 'in-place' }),
    ).text;
    // Both run as the gMSA (another case, no domain): B blocks the whole undo before any change.
    const fakes = `function Get-MsaTaskAccount { param($Sam) 'CONTOSO\\' + $Sam }
function Get-ScheduledTask { param($TaskName, $TaskPath) [pscustomobject]@{ TaskName = $TaskName; TaskPath = $TaskPath; State = 'Ready'; Principal = [pscustomobject]@{ UserId = 'SVC-REPORT$'; RunLevel = 'Limited' } } }
function Set-ScheduledTask { throw 'nothing may be changed' }
function New-ScheduledTaskPrincipal { throw 'nothing may be changed' }`;
    const helpers = MOVE_STEP_HELPERS.map((h) => h.text).join('\n');
    const r = await session.invoke(trusted(`${helpers}\n${fakes}\n${text}`));
    assert.equal(r.ok, false);
    const said = r.errors.map((e) => e.message).join(' ');
    assert.ok(
      said.includes(
        "\\B still runs as the managed account, and undo cannot set it back to the user account CONTOSO\\svc-report-user: that needs the account's password, which the wizard never asks for, handles or stores. Set it back yourself: Set-ScheduledTask -TaskPath '\\' -TaskName 'B' -User 'CONTOSO\\svc-report-user' -Password '<its password>' (or in Task Scheduler), then undo again. Nothing was changed.",
      ),
      said,
    );
    assert.doesNotMatch(said, /nothing may be changed/);
  });
});

/** Every script the kind builds for these settings (and these created objects). */
function scriptsOf(input: ExistingTaskSettingsInput): { name: string; text: string }[] {
  const c = ctx(input);
  const out: { name: string; text: string }[] = [];
  for (const step of existingTaskWorkload.steps) {
    out.push({ name: `${step.id} script`, text: joinPrelude(step.script(c), step.title(c), step.needs).text });
    out.push({ name: `${step.id} judge`, text: `$r = $null\n${step.judge(c).text}` });
  }
  out.push({
    name: 'survey',
    text: `$found = New-Object System.Collections.ArrayList\n${existingTaskWorkload.survey(c).text}`,
  });
  const s = c.workload.settings;
  const uri = `${s.taskPath}${s.taskName}`;
  const created: CreatedObject[][] = [
    [
      { kind: 'task-copy', identity: `${uri} (gMSA)`, parent: 'WEB01' },
      { kind: 'task-disabled', identity: uri, parent: 'WEB01' },
    ],
    [{ kind: 'task-principal', identity: uri, parent: 'WEB01', previous: 'CONTOSO\\svc-report-user' }],
    [{ kind: 'task-principal', identity: uri, parent: 'WEB01', previous: 'NT AUTHORITY\\SYSTEM' }],
    [{ kind: 'task-principal', identity: uri, parent: 'WEB01' }],
  ];
  created.forEach((list, i) =>
    out.push({ name: `undo ${i}`, text: joinPrelude(undoExistingTask(list, c), undefined, MOVE_STEP_HELPERS).text }),
  );
  return out;
}

describe('the scripts', () => {
  const variants: ExistingTaskSettingsInput[] = [
    { taskPath: '\\Reports\\', taskName: 'Export inactive users' },
    { taskName: "It's $(new)", mode: 'in-place', acknowledgeNoRestore: true, testRun: false },
    { taskPath: '\\A\\B\\', taskName: 'x', mode: 'in-place' },
  ];

  it('parse, bind to documented parameter sets and use nothing PowerShell-7-only; ASCII only', async () => {
    const scripts = [
      ...variants.flatMap(scriptsOf),
      { name: 'picker', text: TASK_LIST_SCRIPT.text },
      { name: 'health check', text: `$msaOptions = $null\n${plannedTasksCheck.probe.text}` },
    ];
    const { problems, checked } = await checkScripts(session, scripts, { pipelineInput: 'refuse' });
    assert.deepEqual(problems, []);
    for (const name of [
      'Get-ScheduledTask',
      'Register-ScheduledTask',
      'Set-ScheduledTask',
      'Disable-ScheduledTask',
      'Enable-ScheduledTask',
      'Unregister-ScheduledTask',
      'New-ScheduledTaskPrincipal',
      'Start-ScheduledTask',
      'Get-ScheduledTaskInfo',
    ]) {
      assert.ok(checked.has(name), `${name} was never checked`);
    }
    const sevenOnly = (await scanForPs7Syntax(session, scripts)).filter((f) => f.problems.length > 0);
    assert.deepEqual(sevenOnly, []);
    // eslint-disable-next-line no-control-regex -- tab and line ends are the only control characters allowed
    for (const s of scripts) assert.ok(/^[\x09\x0a\x0d\x20-\x7e]*$/.test(s.text), `${s.name} is not ASCII`);
  });

  it('hostile task names: the move script reads the original and its copy by the same text', async () => {
    const names = hostileStrings(60)
      .map((n) => existingTaskSettingsSchema.safeParse({ taskName: n }))
      .flatMap((r) => (r.success ? [r.data.taskName] : []));
    assert.ok(names.length > 20, `${names.length} hostile names pass the schema`);
    const texts = names.map((n) => joinPrelude(existingTaskWorkload.steps[0]!.script(ctx({ taskName: n }))).text);
    assert.deepEqual(
      (await scanCommands(session, texts)).flatMap((p) => p.parseErrors),
      [],
    );
    // As a command's argument too (undo, survey): '--%' quoted is still PowerShell's stop-parsing token, so the
    // builder puts it in parentheses, and every Get-MsaTaskOrNull call keeps its -TaskPath.
    const stop = ctx({ taskName: '--%' });
    const created: CreatedObject[] = [
      { kind: 'task-copy', identity: '\\--% (gMSA)', parent: 'WEB01' },
      { kind: 'task-disabled', identity: '\\--%', parent: 'WEB01' },
    ];
    const calls = await session.run(
      ps`foreach ($text in ${[undoExistingTask(created, stop).text, existingTaskWorkload.survey(stop).text]}) {
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($text, [ref]$null, [ref]$null)
    $ast.FindAll({ param($x) $x -is [System.Management.Automation.Language.CommandAst] -and $x.GetCommandName() -eq 'Get-MsaTaskOrNull' }, $true) | ForEach-Object { $_.CommandElements.Count }
}`,
    );
    assert.deepEqual(calls, [5, 5, 5, 5]);
    // The task reads of each script, run alone (Get-MsaTaskOrNull faked to answer the -TaskName it got): the
    // original's and the copy's names are the typed text.
    const read = names.map((n) => {
      const lines = existingTaskWorkload.steps[0]!.script(ctx({ taskName: n })).text.split('\n');
      const reads = lines.filter((l) => /^\$(original|copy) = Get-MsaTaskOrNull -TaskName /.test(l));
      return `function Get-MsaTaskOrNull { param($TaskName, $TaskPath) $TaskName }\n${reads.join('\n')}\n,@($original, $copy)`;
    });
    for (const [i, script] of read.entries()) {
      const [values] = (await session.run(trusted(script))) as [string[]];
      assert.deepEqual(values, [names[i], `${names[i]} (gMSA)`]);
    }
  });
});
