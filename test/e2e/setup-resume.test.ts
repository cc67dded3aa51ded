// Resume after the core dies: the wizard's core runs in a process of its own (as the Electron main process would);
// the gMSA plan is entered, "Group allowed to retrieve the password" and "Add the computers" are run, and the core is
// killed (SIGKILL to its process group: node and pwsh) as "Create the managed service account" starts (its
// step-started is journaled, its end never is: the step is cut off). A new core on the same lab and journal is started
// and the page opened again: the journal's run is offered, Resume; the cut-off step is a stop ("Change the plan" and
// the undo list show, undo waits for the retry, no Undo button), Run all — and the lab ends with exactly one group and
// one gMSA, nothing done twice. Screenshots: test/artifacts/setup-resume-*.
import assert from 'node:assert/strict';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { appendRecord } from '../../electron/common/runs/journal.js';
import { labState } from '../helpers/lab.js';
import { newLab } from '../helpers/lab.js';
import {
  buildRenderer,
  expectStepStatuses,
  expectText,
  fileTimeLimit,
  launchChromium,
  openStepByKeyboard,
  openWizard,
  pressButton,
  saveScreenScreenshot,
  tabTo,
  waitForHealthReport,
} from './helpers.js';
import { startCoreProcess, type CoreProcess } from './lab-process.js';

const count = (dir: string, objectClass: string, name: string) =>
  labState(dir).objects.filter((o) => o.objectClass === objectClass && o.name === name).length;

describe('resume after the core process is killed (e2e, Chromium, healthy lab)', { timeout: fileTimeLimit(30) }, () => {
  let browser: Browser;
  let rendererDir: string;
  let labDir: string;
  const cores: CoreProcess[] = [];
  before(async () => {
    labDir = newLab('healthy');
    [rendererDir, browser] = await Promise.all([buildRenderer(), launchChromium()]);
  });
  after(async () => {
    await browser?.close();
    for (const core of cores) await core.kill();
    rmSync(labDir, { recursive: true, force: true });
  });

  it('kills the core between "create group" and "create gMSA"; a new core resumes: one group, one gMSA', async () => {
    const first = await startCoreProcess(labDir, rendererDir);
    cores.push(first);
    const opened = await openWizard(browser, first.url, { colorScheme: 'light' });
    let page = opened.page;
    try {
      await waitForHealthReport(page);
      await openStepByKeyboard(page, 'Account');
      await page.getByRole('heading', { name: 'Part 1 of 5: Account type' }).waitFor();
      // This test is about the crash, not the keyboard (setup-gmsa covers that): plain clicks move on.
      const next = () => page.getByRole('button', { name: 'Next', exact: true }).click();
      await next(); // gMSA (the default)
      await page.getByRole('heading', { name: 'Part 2 of 5: Name and options' }).waitFor();
      await tabTo(page, 'plan-name');
      await page.keyboard.type('svc-web');
      await next();
      await page.getByRole('heading', { name: 'Part 3 of 5: KDS root key' }).waitFor();
      await next();
      await page.getByRole('heading', { name: 'Part 4 of 5: Who may retrieve the password' }).waitFor();
      await tabTo(page, 'plan-gmsa-group-name');
      await page.keyboard.type('gMSA-Web-Hosts');
      await next();
      await page.getByRole('heading', { name: 'Part 5 of 5: Review and create' }).waitFor();

      await page.getByRole('button', { name: 'Run: Group allowed to retrieve the password' }).click();
      await page.locator('[data-step-id="group"][data-status="done"]').waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: 'Run: Add the computers to the group' }).click();
      await page.locator('[data-step-id="group-members"][data-status="done"]').waitFor({ timeout: 60_000 });
      await expectStepStatuses(page, { group: 'done', 'group-members': 'done', account: 'pending' });
      await saveScreenScreenshot(page, 'setup-resume-1-before-kill');
    } catch (error) {
      await saveScreenScreenshot(page, 'setup-resume-failed');
      throw error;
    } finally {
      await opened.close();
    }

    // The crash: no goodbye, no journal "closed" record, the pwsh engine dies with it.
    await first.kill();
    assert.equal(count(labDir, 'group', 'gMSA-Web-Hosts'), 1);
    assert.equal(count(labDir, 'msDS-GroupManagedServiceAccount', 'svc-web'), 0);
    // As if it died as "Create the managed service account" started: its start is in the journal, its end is not.
    const [journal] = readdirSync(path.join(labDir, 'journal'));
    assert.ok(journal !== undefined);
    appendRecord(path.join(labDir, 'journal', journal), {
      type: 'step-started',
      at: new Date().toISOString(),
      stepId: 'account',
      script: 'New-ADServiceAccount',
    });

    const second = await startCoreProcess(labDir, rendererDir);
    cores.push(second);
    const reopened = await openWizard(browser, second.url, { colorScheme: 'light' });
    page = reopened.page;
    try {
      const banner = page.getByTestId('resume-banner');
      await banner.waitFor({ timeout: 60_000 });
      await expectText(banner, /A setup of svc-web\$ was not finished/);
      await saveScreenScreenshot(page, 'setup-resume-2-offered');
      await pressButton(page, 'Resume');
      await banner.waitFor({ state: 'detached' });
      await page.locator('[data-step-id="group"][data-status="done"]').waitFor();
      await expectStepStatuses(page, { group: 'done', 'group-members': 'done', account: 'running' });
      // Cut off is a stop: what it means, the plan can be set aside, and undo waits for the retry (no Undo button).
      await expectText(page.getByTestId('step-cut-off'), /PowerShell stopped answering .* Run it again/);
      await page.getByRole('button', { name: 'Change the plan' }).waitFor();
      await expectText(page.getByTestId('undo-waits'), /Undo waits until .* has run again/);
      assert.equal(await page.locator('#undo-next, #undo-all').count(), 0, 'no Undo button the core would refuse');
      await saveScreenScreenshot(page, 'setup-resume-2b-cut-off');

      await pressButton(page, 'Run all directory steps');
      await page.getByTestId('directory-done').waitFor({ timeout: 60_000 });
      await expectStepStatuses(page, { group: 'done', 'group-members': 'done', account: 'done' });
      await saveScreenScreenshot(page, 'setup-resume-3-resumed');
      assert.equal(count(labDir, 'group', 'gMSA-Web-Hosts'), 1, 'exactly one group');
      assert.equal(count(labDir, 'msDS-GroupManagedServiceAccount', 'svc-web'), 1, 'exactly one gMSA');
      assert.deepEqual(reopened.problems, []);
    } finally {
      await reopened.close();
    }
  });
});
