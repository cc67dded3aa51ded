// gMSA setup in a real browser, keyboard only, on the healthy lab: type, name and options, the KDS root key, a new
// group with WEB01, the preview (the panel shows plan.steps' exact scripts; nothing has changed in the lab yet), Run
// all directory steps, Install & test (Test-ADServiceAccount True), then Undo all: lab-state.json is byte-identical to
// before the run (the host's Kerberos ticket cache, which no undo can rewind, lives in lab-tickets.json, as the
// journal lives in journal/). axe finds nothing serious at each state; a screenshot of each is saved under test/artifacts/ (setup-gmsa-*.png).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StepPreview } from '../../electron/common/api/contract.js';
import { labStateText } from '../helpers/lab.js';
import {
  eventually,
  expectAttribute,
  expectCount,
  expectStepStatuses,
  expectText,
  fileTimeLimit,
  invokeApi,
  noViolations,
  openStepByKeyboard,
  openWizard,
  nextPart,
  pressButton,
  saveScreenScreenshot,
  tabTo,
  useBrowserAndWizards,
  waitForFocus,
  waitForPageVisible,
  waitForHealthReport,
  type Wizard,
  showPowerShell,
} from './helpers.js';

const stateText = (wizard: Wizard) => labStateText(wizard.labDir);

const PLAN = {
  accountType: 'gmsa',
  name: 'svc-web',
  description: 'IIS app pool on WEB01',
  encryptionTypes: ['AES128', 'AES256'],
  passwordIntervalDays: 30,
  spns: ['HTTP/web01.contoso.com'],
  gmsa: {
    group: { mode: 'new', name: 'gMSA-Web-Hosts', scope: 'Global', path: 'OU=Service Groups,DC=contoso,DC=com' },
    computers: ['WEB01'],
  },
  targetComputer: 'WEB01',
};

describe('gMSA setup (e2e, keyboard only, Chromium, healthy lab)', { timeout: fileTimeLimit(40) }, () => {
  const labs = useBrowserAndWizards({ wizard: 'healthy' });

  it('plans, previews, creates, installs and tests a gMSA with the keyboard alone; Undo all restores the lab', async () => {
    const { page, problems, close } = await openWizard(labs.browser, labs.wizard.host.url, { colorScheme: 'light' });
    const shot = (name: string) => saveScreenScreenshot(page, `setup-gmsa-${name}`);
    try {
      await waitForHealthReport(page);
      const initial = stateText(labs.wizard);

      // Account, part 1: the type. gMSA is chosen (recommended); the radio group is one Tab stop.
      await openStepByKeyboard(page, 'Account');
      await page.getByRole('heading', { name: 'Part 1 of 5: Account type' }).waitFor();
      const radio = await tabTo(page, 'plan-accountType');
      assert.equal(radio.name, 'Group managed service account (gMSA) — recommended');
      await eventually(
        () => page.locator('#plan-accountType').isChecked(),
        (checked) => assert.equal(checked, true),
      );
      await shot('1-type');
      // Part 2: name and options. The name is checked as typed; defaults: AES only, 30 days, DNS host name.
      await nextPart(page, 'Part 2 of 5: Name and options');
      await tabTo(page, 'plan-name');
      await page.keyboard.type('svc-web');
      await tabTo(page, 'plan-description');
      await page.keyboard.type(PLAN.description);
      const value = (id: string) => () => page.locator(`#${id}`).inputValue();
      const checked = (id: string) => () => page.locator(`#${id}`).isChecked();
      await eventually(value('plan-targetComputer'), (v) => assert.equal(v, 'WEB01'));
      await eventually(value('plan-dnsHostName'), (v) => assert.equal(v, 'svc-web.contoso.com'));
      await eventually(checked('plan-encryptionTypes'), (on) => assert.equal(on, true, 'AES256 on'));
      await eventually(checked('plan-enc-AES128'), (on) => assert.equal(on, true, 'AES128 on'));
      await eventually(checked('plan-enc-RC4'), (on) => assert.equal(on, false, 'RC4 off'));
      // RC4 on warns; off again, the warning goes.
      await tabTo(page, 'plan-enc-RC4');
      await page.keyboard.press('Space');
      await page.getByTestId('rc4-warning').waitFor();
      await page.keyboard.press('Space');
      await page.getByTestId('rc4-warning').waitFor({ state: 'detached' });
      await eventually(value('plan-passwordIntervalDays'), (v) => assert.equal(v, '30'));
      await tabTo(page, 'plan-spns');
      await page.keyboard.type('HTTP/web01.contoso.com');
      await shot('2-options');
      // Part 3: the KDS root key is usable on the healthy lab.
      await nextPart(page, 'Part 3 of 5: KDS root key');
      await expectAttribute(page.getByTestId('kds-part'), 'data-status', 'pass');
      await shot('3-kds');
      // Part 4: a new group in Service Groups; WEB01 (the computer that runs the service) is in the list already.
      await nextPart(page, 'Part 4 of 5: Who may retrieve the password');
      await tabTo(page, 'plan-gmsa-group-name');
      await page.keyboard.type('gMSA-Web-Hosts');
      await tabTo(page, 'plan-gmsa-group-path');
      await page.keyboard.type('OU=Service Groups,DC=contoso,DC=com');
      await eventually(
        () => page.locator('[data-computer]').allTextContents(),
        (computers) => assert.deepEqual(computers, ['WEB01Remove']),
      );
      await expectCount(page.getByTestId('broad-principal-warning'), 0);
      await noViolations(page, 'the group part');
      await shot('4-group');
      // Part 5: the preview. The panel shows exactly what plan.steps answers; nothing has changed in the lab.
      await nextPart(page, 'Part 5 of 5: Review and create');
      const preview = (await invokeApi(labs.wizard.host, 'plan.steps', { plan: PLAN })) as { steps: StepPreview[] };
      const panel = await showPowerShell(page);
      const directory = preview.steps.filter((s) => ['group', 'group-members', 'account'].includes(s.id));
      await eventually(
        () => panel.getByRole('tab').allTextContents(),
        (tabs) => assert.deepEqual(tabs, ['Group', 'Members', 'Account']),
      );
      await panel.locator('[data-testid="ps-script"][data-operation="group"]').waitFor();
      for (const [index, step] of directory.entries()) {
        if (index > 0) await page.keyboard.press('ArrowRight');
        else await tabTo(page, 'ps-tab-group');
        const script = panel.locator(`[data-testid="ps-script"][data-operation="${step.id}"]`);
        await script.waitFor();
        await expectText(script, step.script, `the panel shows ${step.id}'s exact script`);
      }
      await expectStepStatuses(page, { group: 'pending', 'group-members': 'pending', account: 'pending' });
      assert.equal(stateText(labs.wizard), initial, 'nothing changed before Run');
      await noViolations(page, 'the preview');
      await shot('5-preview');

      // Run all directory steps (keyboard: back up from the panel to the button).
      await tabTo(page, (f) => f.name === 'Run all directory steps', { back: true, max: 80 });
      await page.keyboard.press('Enter');
      await page.getByTestId('directory-done').waitFor({ timeout: 60_000 });
      await expectStepStatuses(page, { group: 'done', 'group-members': 'done', account: 'done' });
      await waitForFocus(page, 'continue-install');
      await noViolations(page, 'the directory steps done');
      await shot('6-directory-done');

      // Install & test: the host steps, with why the ticket is refreshed and that installing is optional here.
      await page.keyboard.press('Enter'); // Continue to Install & test
      const host = page.getByTestId('host-steps');
      await host.waitFor();
      await expectText(host.locator('[data-step-id="refresh-ticket"]'), /klist purge -li 0x3e7/);
      await expectText(host.locator('[data-step-id="install"]'), /Optional for a gMSA/);
      await shot('7-install-preview');
      await pressButton(page, 'Run all host steps');
      const result = page.getByTestId('test-result');
      await result.waitFor({ timeout: 60_000 });
      await expectAttribute(result, 'data-result', 'true');
      await expectText(result, /Test-ADServiceAccount: True/);
      await expectStepStatuses(page, { 'refresh-ticket': 'done', install: 'exists', test: 'done' });
      await noViolations(page, 'Install & test, Test True');
      await shot('8-test-true');

      // Summary, then Undo all: the lab state file is as it was, byte for byte.
      await pressButton(page, 'Skip the task: Summary');
      await page.getByTestId('undo-section').waitFor();
      await eventually(
        () => page.locator('[data-undo-step]').evaluateAll((els) => els.map((e) => e.getAttribute('data-undo-step'))),
        (steps) => assert.deepEqual(steps, ['account', 'group-members', 'group']),
      );
      await noViolations(page, 'the summary');
      await shot('9-summary');
      await pressButton(page, 'Undo all');
      // It asks first, listing what it removes; the keyboard starts on Cancel.
      const confirm = page.getByRole('alertdialog');
      await confirm.waitFor();
      await expectText(confirm.getByRole('heading'), 'Remove the 3 objects this run created?');
      await expectText(page.getByTestId('undo-all-list'), /The service account CN=svc-web,/);
      await waitForFocus(page, 'undo-all-cancel');
      await noViolations(page, 'the Undo all confirmation');
      await shot('10-confirm-undo');
      // Escape cancels (nothing is removed, the keyboard is back on "Undo all"); then Undo all again, and confirm.
      await page.keyboard.press('Escape');
      await confirm.waitFor({ state: 'detached' });
      await waitForFocus(page, 'undo-all');
      await waitForPageVisible(page);
      await expectCount(page.locator('[data-undo-step][data-status="done"]'), 0);
      await page.keyboard.press('Enter');
      await waitForFocus(page, 'undo-all-cancel');
      await pressButton(page, 'Remove them');
      await page.getByTestId('undo-done').waitFor({ timeout: 60_000 });
      await shot('11-undone');
      assert.equal(stateText(labs.wizard), initial, 'lab-state.json is byte-identical after Undo all');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});
