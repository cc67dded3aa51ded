// The scheduled task in a real browser. On the healthy lab, keyboard only: the gMSA set up (directory steps, Install &
// test: True), then the Scheduled task screen — daily at 12:05 by default, the script path typed — added to the run,
// its steps run (batch right, the task, the test run) and LastTaskResult 0x0 shown as success; the lab holds the
// task as CONTOSO\svc-report$ with LogonType Password; Save answers and Export script download exactly what the core
// makes of the run's plan. On gpo-managed-rights (the plan opened from assets/examples/gmsa-scheduled-task.json) the
// batch right shows the GPO path and the account to paste, and nothing claims success. On a host that cannot
// retrieve the password (another admin took WEB01 out of the group after the test said True) the test run shows
// 0x8007052E decoded, and after a reload Resume comes back to it. Opening an answers file over typed answers asks
// first (Cancel keeps them, and the page is back for screen readers); a task still running shows the test run's
// progress. axe finds nothing serious at each state;
// screenshots under test/artifacts/ (setup-task-*.png).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { planTaskInput } from '../../electron/common/workloads/scheduled-task/task-types.js';
import { ansiAnswersFile, ANSI_BYTE_AT, EXAMPLE_ANSWERS } from '../helpers/answers-files.js';
import { labConsole, labState, TASK_ENDS_WELL, TASK_STILL_RUNNING } from '../helpers/lab.js';
import {
  createGmsaByKeyboard,
  eventually,
  expectAttribute,
  expectCount,
  expectStepStatuses,
  expectText,
  fileTimeLimit,
  holds,
  invokeApi,
  noViolations,
  openWizard,
  pressButton,
  saveScreenScreenshot,
  screenHeading,
  stepButton,
  stepStatuses,
  tabTo,
  textOf,
  useBrowserAndWizards,
  waitForFocus,
  waitForPageVisible,
  waitForHealthReport,
} from './helpers.js';

/** The text of the file a button downloads (the button pressed with Enter, where the keyboard is). */
async function downloadByEnter(page: Page): Promise<{ name: string; text: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const bytes = readFileSync(await download.path());
  return { name: download.suggestedFilename(), text: bytes.toString('utf8'), bytes };
}

/** Opens an answers file with the Account screen's "Open answers" (the file chooser), and waits for its note. */
async function openAnswersFile(page: Page, file: string): Promise<void> {
  await stepButton(page, 'Account').click();
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Open answers' }).click(),
  ]);
  await chooser.setFiles(file);
  await page
    .getByTestId('plan-file-status')
    .filter({ hasText: /^Opened / })
    .waitFor();
}

/** From an opened plan (Account, part 1) through the directory and host steps to Test True, with clicks. */
async function createAccountWithClicks(page: Page): Promise<void> {
  for (let part = 1; part < 5; part++) await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('heading', { name: 'Part 5 of 5: Review and create' }).waitFor();
  await page.getByRole('button', { name: 'Run all directory steps' }).click();
  await page.getByTestId('directory-done').waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Continue to Install & test' }).click();
  await page.getByRole('button', { name: 'Run all host steps' }).click();
  await page.locator('[data-testid="test-result"][data-result="true"]').waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Continue to Use the account' }).click();
  await page.getByTestId('task-steps').waitFor();
}

describe('scheduled task (e2e, Chromium)', { timeout: fileTimeLimit(60) }, () => {
  const labs = useBrowserAndWizards({
    healthy: 'healthy',
    gpo: 'gpo-managed-rights',
    unusable: 'healthy',
    slow: 'healthy',
  });

  it('healthy, keyboard only: gMSA, batch right, daily 12:05 task, test run 0x0 shown as success; save and export', async () => {
    const { page, problems, close } = await openWizard(labs.browser, labs.healthy.host.url, { colorScheme: 'light' });
    const shot = (name: string) => saveScreenScreenshot(page, `setup-task-${name}`);
    try {
      await waitForHealthReport(page);

      // The gMSA, as in the gMSA setup: a name, a new group with WEB01 (the computer the wizard runs on).
      await createGmsaByKeyboard(page, 'svc-report', 'gMSA-Report-Hosts');

      // The task: daily at 12:05 is the default; the name and the script path are typed.
      await page.getByTestId('task-form').waitFor();
      const checked = (id: string) => () => page.locator(`#${id}`).isChecked();
      await eventually(checked('task-triggerKind'), (on) => assert.equal(on, true, 'daily is the default trigger'));
      await eventually(
        () => page.locator('#task-at').inputValue(),
        (at) => assert.equal(at, '12:05'),
      );
      await eventually(checked('task-actionKind'), (on) =>
        assert.equal(on, true, 'a PowerShell script is the default'),
      );
      await eventually(checked('task-highestPrivileges'), (on) => assert.equal(on, false));
      await expectText(page.getByTestId('task-run-as'), 'CONTOSO\\svc-report$');
      // Adding it empty: every problem shows, with what to change, and the keyboard goes to the first (the name).
      await pressButton(page, 'Add the task to the run');
      await waitForFocus(page, 'task-name');
      await expectText(page.locator('[data-field="name"]'), /Enter a name for the task\./);
      await expectText(page.locator('[data-field="path"]'), /Enter the script path/);
      await expectCount(page.getByTestId('task-steps'), 0, 'nothing added');
      await page.keyboard.type('Nightly Report');
      await tabTo(page, 'task-path');
      await page.keyboard.type('C:\\Scripts\\Nightly-Report.ps1');
      await noViolations(page, 'the task form');
      await shot('1-form');
      await pressButton(page, 'Add the task to the run');
      const steps = page.getByTestId('task-steps');
      await steps.waitFor();
      await expectStepStatuses(page, {
        'batch-right@WEB01': 'pending',
        'scheduled-task@task': 'pending',
        'task-test-run@task': 'pending',
      });
      await shot('2-steps');

      await pressButton(page, 'Run all workload steps');
      const result = page.getByTestId('task-result');
      await result.waitFor({ timeout: 90_000 });
      await eventually(
        async () => ({ code: await result.getAttribute('data-result'), text: await textOf(result)() }),
        ({ code, text }) => assert.equal(code, '0x0', text),
      );
      await expectText(result, /Test run: LastTaskResult 0x0 — success/);
      await expectStepStatuses(page, {
        'batch-right@WEB01': 'done',
        'scheduled-task@task': 'done',
        'task-test-run@task': 'done',
      });
      await expectText(
        page.getByTestId('test-run-facts'),
        /LastTaskResult0x0 — .*Next run(today|tomorrow|\w{3} \d{1,2} \w{3} \d{4}) 12:05 PM/,
      );
      // The lab's script is writable by Authenticated Users: whoever can edit it runs code as the account.
      await expectText(page.getByTestId('step-warning').first(), /Authenticated Users/);
      await waitForFocus(page, 'continue-summary-task');
      await noViolations(page, 'the test run succeeded');
      await shot('3-test-run-success');

      // What Task Scheduler holds on WEB01.
      const task = labState(labs.healthy.labDir).hosts.WEB01?.tasks.find((t) => t.taskName === 'Nightly Report');
      assert.ok(task !== undefined, 'the task is registered on WEB01');
      assert.equal(task.principal.userId, 'CONTOSO\\svc-report$');
      assert.equal(task.principal.logonType, 'Password');
      assert.equal(task.lastTaskResult, 0);

      // Save answers and Export script: exactly what the core makes of the run's plan.
      await tabTo(page, 'task-plan-file-save');
      const answers = await downloadByEnter(page);
      assert.equal(answers.name, 'msa-answers-svc-report.json');
      const saved = JSON.parse(answers.text) as { version: number; plan: Record<string, unknown> };
      // Answers version 2 (workloads); the task is the workload 'task' whichever form the run holds it in.
      assert.equal(saved.version, 2);
      assert.deepEqual(planTaskInput(saved.plan), {
        name: 'Nightly Report',
        folder: '\\',
        action: { kind: 'powershell-script', path: 'C:\\Scripts\\Nightly-Report.ps1' },
        trigger: { kind: 'daily', at: '12:05' },
        highestPrivileges: false,
        stopAfterMinutes: 4320,
      });
      const expected = (await invokeApi(labs.healthy.host, 'answers.text', { plan: saved.plan })) as { text: string };
      assert.equal(answers.text, expected.text);
      await tabTo(page, 'task-plan-file-export');
      const script = await downloadByEnter(page);
      const exported = (await invokeApi(labs.healthy.host, 'plan.export', { plan: saved.plan })) as {
        text: string;
        fileName: string;
      };
      assert.equal(script.name, exported.fileName);
      assert.equal(script.text, exported.text);
      // Saved as the CLI writes it: a UTF-8 byte-order mark, then an ASCII body.
      assert.deepEqual([...script.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.ok(
        script.bytes.subarray(3).every((b) => b < 0x80),
        'the script body is ASCII',
      );
      assert.match(script.text, /Register-ScheduledTask/);

      await page.keyboard.press('Shift+Tab'); // nothing was lost: the page still answers the keyboard
      await pressButton(page, 'Continue to Summary', { back: true, max: 80 });
      await page
        .getByTestId('run-facts')
        .filter({ hasText: 'Scheduled task\\Nightly Report, daily at 12:05' })
        .waitFor();
      await shot('4-summary');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  it('gpo-managed-rights: the batch right shows the GPO path and the account to paste; nothing claims success', async () => {
    const { page, problems, close } = await openWizard(labs.browser, labs.gpo.host.url, { colorScheme: 'dark' });
    try {
      await waitForHealthReport(page);
      await openAnswersFile(page, EXAMPLE_ANSWERS);
      await eventually(
        () => page.locator('#plan-accountType').isChecked(),
        (checked) => assert.equal(checked, true),
      );
      await createAccountWithClicks(page);
      // The task came with the file: the form shows it, and the run holds it.
      await eventually(
        () => page.locator('#task-name').inputValue(),
        (name) => assert.equal(name, 'Nightly Report'),
      );
      await page.getByRole('button', { name: 'Run all workload steps' }).click();
      const gpo = page.getByTestId('gpo-instruction');
      await gpo.waitFor({ timeout: 60_000 });
      await expectText(gpo, /set by the domain GPO “Server Baseline”/);
      await eventually(
        () => gpo.getByRole('list', { name: 'Where to add the account' }).getByRole('listitem').allTextContents(),
        (path) =>
          assert.deepEqual(path, [
            'Group Policy Management',
            'Server Baseline',
            'Computer Configuration',
            'Policies',
            'Windows Settings',
            'Security Settings',
            'Local Policies',
            'User Rights Assignment',
            'Log on as a batch job',
          ]),
      );
      await expectText(page.getByTestId('gpo-account'), 'CONTOSO\\svc-report$');
      const result = page.getByTestId('task-result');
      await expectAttribute(result, 'data-result', 'gpo');
      await expectStepStatuses(page, {
        'batch-right@WEB01': 'conflict',
        'scheduled-task@task': 'pending',
        'task-test-run@task': 'pending',
      });
      // Settled: and nothing claims success, for as long as we look (a first read would pass before any text came).
      await holds(textOf(page.getByTestId('task-steps')), (steps) => assert.doesNotMatch(steps, /success/i));
      // Nothing was granted locally: the GPO still defines the right alone.
      assert.deepEqual(labState(labs.gpo.labDir).hosts.WEB01?.userRights.SeBatchLogonRight, [
        'BUILTIN\\Administrators',
      ]);
      await noViolations(page, 'the GPO instruction (dark)');
      await saveScreenScreenshot(page, 'setup-task-5-gpo');

      // Nothing is registered yet, so the task can still change: an edit the run does not have blocks its steps until
      // "Update the task" gives it to the run (the conflicting batch right keeps its state).
      await page.locator('#task-name').fill('Nightly Report 2');
      const status = page.getByTestId('task-status');
      await expectText(status, /changes the run does not have yet/);
      await expectText(page.locator('#run-task-blocked'), /Update the task/);
      await page.getByRole('button', { name: 'Update the task' }).click();
      await status.filter({ hasText: 'The task is part of this run' }).waitFor();
      await eventually(
        () => stepStatuses(page),
        (statuses) => assert.equal(statuses['batch-right@WEB01'], 'conflict'),
      );
      const held = (await invokeApi(labs.gpo.host, 'runs.current')) as { run: { plan: { task: { name: string } } } };
      assert.equal(held.run.plan.task.name, 'Nightly Report 2');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  it('a host that cannot retrieve the password: the test run shows 0x8007052E decoded', async () => {
    const { page, problems, close } = await openWizard(labs.browser, labs.unusable.host.url, { colorScheme: 'light' });
    try {
      await waitForHealthReport(page);
      // A file saved as ANSI first ("Pe\u00f1a" in Windows-1252: 0xF1 is not UTF-8): refused with its line, unread.
      const folder = mkdtempSync(path.join(tmpdir(), 'msa-answers-'));
      const ansi = ansiAnswersFile(folder);
      await stepButton(page, 'Account').click();
      const [ansiChooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.getByRole('button', { name: 'Open answers' }).click(),
      ]);
      await ansiChooser.setFiles(ansi);
      await expectText(
        page.getByTestId('plan-file').locator('[data-error-kind="BadInput"]'),
        new RegExp(`ansi\\.json is not an answers file\\..*${ANSI_BYTE_AT}`, 's'),
      );

      // A bad answers file next: each problem with its JSON path; the forms are left as they were.
      const bad = path.join(folder, 'bad.json');
      const example = JSON.parse(readFileSync(EXAMPLE_ANSWERS, 'utf8')) as { plan: { task: Record<string, unknown> } };
      example.plan.task.colour = 'red';
      example.plan.task.stopAfterMinutes = 'never';
      writeFileSync(bad, JSON.stringify(example));
      await stepButton(page, 'Account').click();
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.getByRole('button', { name: 'Open answers' }).click(),
      ]);
      await chooser.setFiles(bad);
      await eventually(textOf(page.getByTestId('answers-problems')), (listed) => {
        assert.match(listed, /task\.colour: Remove the unknown field colour\. \(line 1, column \d+\)/);
        assert.match(listed, /task\.stopAfterMinutes: Enter after how many minutes/);
      });
      await page.getByRole('heading', { name: 'Part 1 of 5: Account type' }).waitFor();
      await page.getByRole('button', { name: 'Next', exact: true }).click();
      await page.getByRole('heading', { name: 'Part 2 of 5: Name and options' }).waitFor();
      await eventually(
        () => page.locator('#plan-name').inputValue(),
        (name) => assert.equal(name, '', 'nothing was loaded'),
      );
      await page.getByRole('button', { name: 'Back', exact: true }).click();

      await openAnswersFile(page, EXAMPLE_ANSWERS);
      await createAccountWithClicks(page);
      // Another admin takes WEB01 out of the group after the test said True, and WEB01's ticket is renewed.
      await labConsole(
        labs.unusable.labDir,
        "Remove-ADGroupMember -Identity 'gMSA-Report-Hosts' -Members 'WEB01$' -Confirm:$false; klist purge -li 0x3e7 | Out-Null",
      );
      await page.getByRole('button', { name: 'Run all workload steps' }).click();
      const result = page.getByTestId('task-result');
      await result.waitFor({ timeout: 90_000 });
      await expectAttribute(result, 'data-result', '0x8007052E');
      await eventually(textOf(result), (text) => {
        assert.match(text, /Test run failed: LastTaskResult 0x8007052E/);
        assert.match(text, /Logon failure/);
      });
      await expectText(page.getByTestId('test-run-facts'), /0x8007052E — Logon failure/);
      await expectStepStatuses(page, {
        'batch-right@WEB01': 'done',
        'scheduled-task@task': 'done',
        'task-test-run@task': 'failed',
      });
      await noViolations(page, 'the failed test run');
      await saveScreenScreenshot(page, 'setup-task-6-logon-failure');

      // The app "closes" and opens again: the journal offers the run (a step failed: it is still open); Resume goes
      // to the Scheduled task screen with the task as registered (read-only) and the test run's report.
      await page.reload();
      await page.getByTestId('resume-banner').waitFor();
      await page.getByRole('button', { name: 'Resume', exact: true }).click();
      await page.getByRole('main').getByRole('heading', { level: 1, name: 'Use the account' }).waitFor();
      await eventually(
        () => page.locator('#task-name').inputValue(),
        (name) => assert.equal(name, 'Nightly Report'),
      );
      await expectText(page.getByTestId('task-status'), /registered on WEB01/);
      await expectCount(page.getByRole('button', { name: 'Update the task' }), 0, 'read-only');
      await expectAttribute(page.getByTestId('task-result'), 'data-result', '0x8007052E');
      await eventually(
        () => stepStatuses(page),
        (statuses) => assert.equal(statuses['task-test-run@task'], 'failed'),
      );
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  it('opening answers over typed ones asks first; a test run that takes a while shows its progress, then the result', async () => {
    const { page, problems, close } = await openWizard(labs.browser, labs.slow.host.url, { colorScheme: 'light' });
    const lab = (script: string) => labConsole(labs.slow.labDir, script);
    try {
      await waitForHealthReport(page);
      // Typed answers are not replaced without asking: Cancel (which has the focus) keeps them, Replace opens the file.
      await stepButton(page, 'Account').click();
      await page.getByRole('button', { name: 'Next', exact: true }).click();
      await page.locator('#plan-name').fill('svc-mine');
      const chooseExample = async () => {
        const [chooser] = await Promise.all([
          page.waitForEvent('filechooser'),
          page.getByRole('button', { name: 'Open answers' }).click(),
        ]);
        await chooser.setFiles(EXAMPLE_ANSWERS);
      };
      await chooseExample();
      await page.getByRole('alertdialog', { name: 'Replace your answers with gmsa-scheduled-task.json?' }).waitFor();
      await expectText(
        page.getByTestId('replace-answers-what'),
        'The forms hold svc-mine (gMSA). Opening gmsa-scheduled-task.json replaces them, and they are not kept: to keep them, cancel and use Save answers first.',
      );
      await waitForFocus(page, 'replace-answers-cancel');
      await noViolations(page, 'the replace-answers dialog');
      await page.keyboard.press('Escape');
      await page
        .getByTestId('plan-file-status')
        .filter({ hasText: 'Kept your answers: gmsa-scheduled-task.json was not opened.' })
        .waitFor();
      await waitForFocus(page, 'account-plan-file-open');
      await waitForPageVisible(page);
      await eventually(
        () => page.locator('#plan-name').inputValue(),
        (name) => assert.equal(name, 'svc-mine'),
      );
      // Again from the Scheduled task screen: Replace opens it on Account, and Account says what was opened.
      await stepButton(page, 'Use the account').click();
      await chooseExample();
      await page.getByRole('button', { name: 'Replace them' }).click();
      await screenHeading(page).filter({ hasText: 'Account' }).waitFor();
      await page
        .getByTestId('plan-file-status')
        .filter({ hasText: /^Opened gmsa-scheduled-task\.json: svc-report, with the scheduled task Nightly Report\./ })
        .waitFor();
      await expectCount(page.getByRole('alertdialog'), 0);
      await page.getByRole('button', { name: 'Next', exact: true }).click();
      await eventually(
        () => page.locator('#plan-name').inputValue(),
        (name) => assert.equal(name, 'svc-report'),
      );
      await page.getByRole('button', { name: 'Back', exact: true }).click();
      await createAccountWithClicks(page);
      await page.getByRole('button', { name: 'Run: Grant "Log on as a batch job" on WEB01' }).click();
      await page.getByRole('button', { name: 'Run: Register the scheduled task' }).click();
      const runTest = page.getByRole('button', { name: 'Run: Test run the task' });
      await runTest.waitFor();
      // An instance of the task is still going (as a long report would be): the test run waits, and says so.
      await lab(TASK_STILL_RUNNING);
      await runTest.click();
      const progress = page.getByTestId('test-run-progress');
      await progress.waitFor({ timeout: 60_000 });
      await eventually(
        async () => (await progress.getAttribute('aria-label')) ?? '',
        (label) => assert.match(label, /^Test run: Running, \d+ s of at most 300 s$/),
      );
      await saveScreenScreenshot(page, 'setup-task-7-progress');
      // The instance ends well: the next poll sees it, and the result is shown.
      await lab(TASK_ENDS_WELL);
      const result = page.getByTestId('task-result');
      await result.waitFor({ timeout: 60_000 });
      await expectAttribute(result, 'data-result', '0x0');
      await expectCount(progress, 0, 'the progress bar goes once the step has finished');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});
