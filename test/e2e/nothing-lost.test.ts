// Nothing lost on the way (issue 16), on the healthy lab:
// - A gMSA run creates its group, then stops (another admin took the account's name meanwhile: a conflict). "Change
//   the plan" sets it aside; the plan, renamed, runs again and finds the group ("Already there"). After a reload the
//   set-aside run is listed (Summary) with the group it created, which the newer run reuses; that run's Undo all says
//   the group was created by an earlier run of this wizard and removes it: the lab no longer has it, and what existed
//   before the wizard (the other admin's computer) stays.
// - A task whose script Authenticated Users can change: the step reads "Done, 1 warning" in the warning colour, the
//   task's banner says what to fix, and the Summary says "Completed with 1 warning" and lists it.
// Screenshots: test/artifacts/nothing-lost-*.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { labConsole, labState } from '../helpers/lab.js';
import {
  ARTIFACTS_DIR,
  CLOCK_PATTERN,
  createGmsaByKeyboard,
  eventually,
  expectAttribute,
  expectCount,
  expectText,
  fileTimeLimit,
  invokeApi,
  noViolations,
  openWizard,
  pressButton,
  saveScreenScreenshot,
  stepButton,
  tabTo,
  useBrowserAndWizards,
  waitForHealthReport,
} from './helpers.js';

const count = (labDir: string, objectClass: string, name: string) =>
  labState(labDir).objects.filter((o) => o.objectClass === objectClass && o.name === name).length;

const next = (page: Page) => page.getByRole('button', { name: 'Next', exact: true }).click();

/** From part 2 (Name and options) with `name` typed over the old one, through to Review. */
async function nameAndReview(page: Page, name: string, group?: string): Promise<void> {
  await page.getByRole('heading', { name: 'Part 2 of 5: Name and options' }).waitFor();
  await page.locator('#plan-name').fill(name);
  await next(page);
  await page.getByRole('heading', { name: 'Part 3 of 5: KDS root key' }).waitFor();
  await next(page);
  await page.getByRole('heading', { name: 'Part 4 of 5: Who may retrieve the password' }).waitFor();
  if (group !== undefined) await page.locator('#plan-gmsa-group-name').fill(group);
  await next(page);
  await page.getByRole('heading', { name: 'Part 5 of 5: Review and create' }).waitFor();
  await page.getByRole('button', { name: 'Run all directory steps' }).waitFor();
}

describe('nothing lost on the way (e2e, Chromium, healthy lab)', { timeout: fileTimeLimit(30) }, () => {
  const labs = useBrowserAndWizards({ aside: 'healthy', warning: 'healthy' });

  it('a set-aside run stays listed after a reload, and the newer run’s Undo all removes the group it reused', async () => {
    const { labDir } = labs.aside;
    const opened = await openWizard(labs.browser, labs.aside.host.url, { colorScheme: 'light' });
    const page = opened.page;
    const shot = (name: string) => saveScreenScreenshot(page, `nothing-lost-${name}`);
    try {
      await waitForHealthReport(page);
      await stepButton(page, 'Account').click();
      await page.getByRole('heading', { name: 'Part 1 of 5: Account type' }).waitFor();
      await next(page); // gMSA (the default)
      await nameAndReview(page, 'svc-web', 'gMSA-Web-Hosts');
      // Meanwhile another admin creates a computer holding the account's name: the account step will conflict.
      await labConsole(labDir, "New-ADComputer -Name 'svc-web' -SamAccountName 'svc-web$'");
      await page.getByRole('button', { name: 'Run all directory steps' }).click();
      await page.locator('[data-step-id="account"][data-status="conflict"]').waitFor({ timeout: 60_000 });
      await page.locator('[data-step-id="group"][data-status="done"]').waitFor();
      assert.equal(count(labDir, 'group', 'gMSA-Web-Hosts'), 1, 'the first run created the group');
      await shot('1-stopped');

      // Change the plan: the run is set aside; the renamed plan runs again and finds the group.
      await page.getByRole('button', { name: 'Change the plan' }).click();
      await nameAndReview(page, 'svc-web2');
      await page.getByRole('button', { name: 'Run all directory steps' }).click();
      await page.getByTestId('directory-done').waitFor({ timeout: 60_000 });
      const group = page.locator('[data-step-id="group"]');
      await expectAttribute(group, 'data-status', 'exists');
      await expectText(group.locator('#run-step-group-status'), 'Already there');
      await shot('2-reused');
    } catch (error) {
      await shot('failed');
      throw error;
    }

    // A reload: the newer run is offered; the set-aside one is listed on the Summary.
    await page.reload();
    try {
      const banner = page.getByTestId('resume-banner');
      await banner.waitFor({ timeout: 60_000 });
      await pressButton(page, 'Resume');
      await banner.waitFor({ state: 'detached' });
      await stepButton(page, 'Summary').click();
      const aside = page.getByTestId('set-aside-runs');
      await aside.waitFor();
      await expectText(aside.getByRole('heading'), 'Runs set aside: 1');
      await aside.screenshot({ path: path.join(ARTIFACTS_DIR, 'nothing-lost-3b-set-aside-list.png') });
      await expectText(
        aside,
        /svc-web\$ on WEB01, started .*, set aside .*\. It created the group CN=gMSA-Web-Hosts,CN=Users,DC=contoso,DC=com and the group membership CN=WEB01,.*, still in place\. The run started .* found them and reuses them: that run’s Undo all removes them too\./,
      );
      await expectCount(aside.getByRole('button', { name: /^Undo the run set aside/ }), 0, 'undo goes in order');
      await shot('3-listed-after-reload');
      await noViolations(page, 'the Summary with a run set aside');

      // Undo all: the list and the dialog say which objects an earlier run created; the group is gone from the lab.
      await expectText(
        page.locator('[data-undo-step="group"] [data-testid="undo-inherited"]'),
        new RegExp(
          String.raw`^Created by an earlier run of this wizard, set aside ${CLOCK_PATTERN}: this run found it and removes it too\.$`,
        ),
      );
      await page.locator('#undo-all').click();
      await expectText(
        page.getByTestId('undo-all-inherited'),
        new RegExp(
          String.raw`The group CN=gMSA-Web-Hosts,CN=Users,DC=contoso,DC=com was created by an earlier run of this wizard \(set aside ${CLOCK_PATTERN}\) and is removed too\..*What existed before the wizard stays\.`,
        ),
      );
      await shot('4-undo-all-asks');
      await noViolations(page, 'Undo all asks');
      await page.locator('#undo-all-confirm').click();
      await page.getByTestId('undo-done').waitFor({ timeout: 60_000 });
      await eventually(
        () => Promise.resolve(count(labDir, 'group', 'gMSA-Web-Hosts')),
        (n) => assert.equal(n, 0, 'the group the first run created is gone'),
      );
      assert.equal(count(labDir, 'msDS-GroupManagedServiceAccount', 'svc-web2'), 0);
      assert.equal(count(labDir, 'computer', 'svc-web'), 1, 'what existed before the wizard stays');
      await expectAttribute(page.locator('[data-testid="set-aside-runs"] li[data-run-id]'), 'data-state', 'undone');
      await shot('5-undone');
      assert.deepEqual(opened.problems, []);
    } catch (error) {
      await shot('failed-after-reload');
      throw error;
    } finally {
      await opened.close();
    }
  });

  it('a run set aside that no newer run took over is undone from the Summary, after asking', async () => {
    const { labDir, host } = labs.aside;
    // Made through the API as the wizard makes it: the group created, then the run set aside.
    const plan = {
      accountType: 'gmsa',
      name: 'svc-old',
      gmsa: { group: { mode: 'new', name: 'gMSA-Old-Hosts' }, computers: ['WEB01'] },
      targetComputer: 'WEB01',
    };
    const started = (await invokeApi(host, 'runs.start', { plan })) as { runId: string };
    await invokeApi(host, 'runs.step', { runId: started.runId, stepId: 'group' });
    await invokeApi(host, 'runs.close', { runId: started.runId });
    assert.equal(count(labDir, 'group', 'gMSA-Old-Hosts'), 1);

    const { page, problems, close } = await openWizard(labs.browser, host.url, { colorScheme: 'dark' });
    try {
      await stepButton(page, 'Summary').click();
      const entry = page.locator(`[data-testid="set-aside-runs"] li[data-run-id="${started.runId}"]`);
      await expectText(
        entry.locator('p'),
        /svc-old\$ on WEB01, .*It created the group CN=gMSA-Old-Hosts,.*, still in place\.$/,
      );
      await entry.getByRole('button', { name: /^Undo the run set aside/ }).click();
      await expectText(
        page.getByRole('alertdialog').getByRole('heading'),
        'Remove the object the run set aside created?',
      );
      await noViolations(page, 'undo a run set aside asks (dark)');
      await page.locator('#undo-all-confirm').click();
      await expectAttribute(entry, 'data-state', 'undone');
      await expectText(entry.locator('p'), /It created the group CN=gMSA-Old-Hosts,.*: undone\.$/);
      assert.equal(count(labDir, 'group', 'gMSA-Old-Hosts'), 0);
      await entry.screenshot({ path: path.join(ARTIFACTS_DIR, 'nothing-lost-5b-set-aside-undone-dark.png') });
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  it('a task whose script others can change: the step is a warning, the Summary says "Completed with 1 warning"', async () => {
    const { page, problems, close } = await openWizard(labs.browser, labs.warning.host.url, { colorScheme: 'light' });
    try {
      await waitForHealthReport(page);
      await createGmsaByKeyboard(page, 'svc-report', 'gMSA-Report-Hosts');
      await page.getByTestId('task-form').waitFor();
      await tabTo(page, 'task-name');
      await page.keyboard.type('Nightly Report');
      await tabTo(page, 'task-path');
      await page.keyboard.type('C:\\Scripts\\Nightly-Report.ps1');
      await pressButton(page, 'Add the task to the run');
      await page.getByTestId('task-steps').waitFor();
      await pressButton(page, 'Run all workload steps');
      const result = page.getByTestId('task-result');
      await result.waitFor({ timeout: 90_000 });
      await expectText(result, /Test run: LastTaskResult 0x0 — success, but 1 warning to fix.*Authenticated Users/);
      const task = page.locator('[data-step-id="scheduled-task@task"]');
      await expectAttribute(task, 'data-look', 'warning');
      await expectText(task.locator('[data-status]').first(), 'Done, 1 warning');
      await task.screenshot({ path: path.join(ARTIFACTS_DIR, 'nothing-lost-6-warning-step.png') });
      await result.screenshot({ path: path.join(ARTIFACTS_DIR, 'nothing-lost-6b-task-banner.png') });

      await stepButton(page, 'Summary').click();
      await expectText(page.getByTestId('run-facts'), /Completed with 1 warning/);
      await expectCount(page.getByTestId('summary-step-warning'), 1);
      await expectText(page.getByTestId('summary-step-warning'), /Authenticated Users/);
      await noViolations(page, 'the Summary with a warning');
      await page
        .getByTestId('run-summary')
        .screenshot({ path: path.join(ARTIFACTS_DIR, 'nothing-lost-7-summary-warning.png') });
      assert.deepEqual(problems, []);
    } catch (error) {
      await saveScreenScreenshot(page, 'nothing-lost-warning-failed');
      throw error;
    } finally {
      await close();
    }
  });
});
