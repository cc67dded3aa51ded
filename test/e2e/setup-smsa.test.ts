// sMSA setup in a real browser, keyboard only, on the healthy lab: the sMSA chosen with the arrow keys, its name,
// the directory steps (account, link to WEB01); then the page is reloaded mid-setup, as if the app had been closed:
// the journal's run is offered ("A setup of svc-app$ was not finished …"), Resume goes to Install & test with the
// plan read-only, and install + test end with Test-ADServiceAccount True. Screenshots: test/artifacts/setup-smsa-*.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunInfo } from '../../electron/common/api/contract.js';
import {
  CLOCK_PATTERN,
  eventually,
  expectAttribute,
  expectCount,
  expectStepStatuses,
  expectText,
  fileTimeLimit,
  invokeApi,
  openStepByKeyboard,
  openWizard,
  nextPart,
  pressButton,
  saveScreenScreenshot,
  tabTo,
  useBrowserAndWizards,
  violationsWhenStill,
  waitForHealthReport,
} from './helpers.js';

describe('sMSA setup (e2e, keyboard only, Chromium, healthy lab)', { timeout: fileTimeLimit(30) }, () => {
  const labs = useBrowserAndWizards({ wizard: 'healthy' });

  it('creates an sMSA linked to WEB01; after a reload the run is resumed, installed and tested: True', async () => {
    const { page, problems, close } = await openWizard(labs.browser, labs.wizard.host.url, { colorScheme: 'light' });
    const shot = (name: string) => saveScreenScreenshot(page, `setup-smsa-${name}`);
    try {
      await waitForHealthReport(page);
      await openStepByKeyboard(page, 'Account');
      await page.getByRole('heading', { name: 'Part 1 of 5: Account type' }).waitFor();
      // The radio group: one Tab stop on the checked gMSA; the arrow key moves to (and selects) sMSA.
      await tabTo(page, 'plan-accountType');
      await page.keyboard.press('ArrowDown');
      await eventually(
        () => page.locator('#plan-account-type-smsa').isChecked(),
        (checked) => assert.equal(checked, true),
      );
      await page.getByRole('heading', { name: 'Part 1 of 3: Account type' }).waitFor();
      await shot('1-type');
      await nextPart(page, 'Part 2 of 3: Name and options');
      await tabTo(page, 'plan-name');
      await page.keyboard.type('svc-app');
      await page.getByText('svc-app$ is free (looked up in the whole forest).').waitFor();
      // No gMSA-only options for an sMSA.
      await expectCount(page.locator('#plan-dnsHostName'), 0);
      await expectCount(page.locator('#plan-passwordIntervalDays'), 0);
      await shot('2-options');
      await nextPart(page, 'Part 3 of 3: Review and create');
      await page.locator('[data-step-id="smsa-link"]').waitFor();
      await expectStepStatuses(page, { account: 'pending', 'smsa-link': 'pending' });
      await shot('3-preview');
      await pressButton(page, 'Run all directory steps', { back: true });
      await page.getByTestId('directory-done').waitFor({ timeout: 60_000 });
      await expectStepStatuses(page, { account: 'done', 'smsa-link': 'done' });
      await expectText(page.locator('[data-step-id="smsa-link"]'), /Linked svc-app\$ to WEB01/);
      await shot('4-created');

      // The app "closes" here: a reload. The journal offers the run; Resume goes on where it stopped.
      await page.reload();
      const banner = page.getByTestId('resume-banner');
      await expectText(
        banner,
        new RegExp(
          String.raw`A setup of svc-app\$ was not finished \(started ${CLOCK_PATTERN}\)\. Resume it, or set it aside: it then stays listed on the Summary with what it created, to undo there\.`,
        ),
      );
      const current = (await invokeApi(labs.wizard.host, 'runs.current')) as { run: RunInfo | null };
      assert.equal(current.run?.account, 'svc-app$');
      await waitForHealthReport(page);
      assert.deepEqual(await violationsWhenStill(page), [], 'axe with the resume banner');
      await shot('5-resume-banner');
      await pressButton(page, 'Resume');
      await page.getByTestId('resume-banner').waitFor({ state: 'detached' });
      const host = page.getByTestId('host-steps');
      await host.waitFor();
      await expectText(host.locator('[data-step-id="install"]'), /Required for an sMSA/);
      await expectStepStatuses(page, { install: 'pending', test: 'pending' });

      await pressButton(page, 'Run all host steps');
      const result = page.getByTestId('test-result');
      await result.waitFor({ timeout: 60_000 });
      await expectAttribute(result, 'data-result', 'true');
      await expectText(result, /Test-ADServiceAccount: True/);
      await expectStepStatuses(page, { install: 'done', test: 'done' });
      assert.deepEqual(await violationsWhenStill(page), [], 'axe on Test True');
      await shot('6-test-true');

      // The resumed plan is shown read-only on the Account screen.
      await openStepByKeyboard(page, 'Account');
      await page.getByRole('heading', { name: 'Part 3 of 3: Review and create' }).waitFor();
      await expectText(page.getByTestId('plan-summary'), /svc-app\$/);
      await pressButton(page, 'Back', { max: 80 });
      await eventually(
        () => page.locator('#plan-name').inputValue(),
        (name) => assert.equal(name, 'svc-app'),
      );
      await expectAttribute(page.locator('#plan-name'), 'readonly', '');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});
