// The wizard frame in a real browser: the real renderer build, served by the real loopback lab host on a healthy
// lab, driven by mouse and by keyboard alone; the Prerequisites screen against what the lab really answers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { ScriptPreview } from '../../electron/common/api/contract.js';
import {
  clickCheckAgainThrice,
  eventually,
  expectAttribute,
  expectCount,
  expectFocused,
  expectText,
  fileTimeLimit,
  holds,
  invokeApi,
  openWizard,
  readClipboard,
  screenHeading,
  PREREQUISITES_LEAD_STOPS,
  STEP_TITLES,
  stepButton,
  textOf,
  useBrowserAndWizards,
  waitForHealthReport,
  showPowerShell,
  waitForFocus,
} from './helpers.js';

/** The titles of the steps marked aria-current="step" (exactly one, if the frame is right). */
async function currentSteps(page: Page): Promise<string[]> {
  const marked: string[] = [];
  for (const title of STEP_TITLES) {
    if ((await stepButton(page, title).getAttribute('aria-current')) === 'step') marked.push(title);
  }
  const all = await page.getByRole('navigation', { name: 'Wizard steps' }).locator('[aria-current]').count();
  assert.equal(all, marked.length, 'aria-current is only ever on step buttons');
  return marked;
}

async function assertOnStep(page: Page, title: string): Promise<void> {
  await expectText(screenHeading(page), title);
  await eventually(
    () => currentSteps(page),
    (marked) => assert.deepEqual(marked, [title]),
  );
}

describe('wizard frame (e2e, Chromium, lab host)', { timeout: fileTimeLimit(20) }, () => {
  const labs = useBrowserAndWizards({ wizard: 'healthy' });

  it('by mouse: clicking each step shows its screen and moves aria-current', async () => {
    const { page, problems, close } = await openWizard(labs.browser, labs.wizard.host.url);
    try {
      await assertOnStep(page, 'Prerequisites');
      for (const title of [...STEP_TITLES.slice(1), ...STEP_TITLES.slice(0, -1).reverse()]) {
        await stepButton(page, title).click();
        await assertOnStep(page, title);
      }
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  it('by keyboard only: Tab/Shift+Tab, arrows, Home/End, Enter and Space reach every step, every check, the panel toggle, the script tabs and Copy', async () => {
    const { page, problems, close } = await openWizard(labs.browser, labs.wizard.host.url, {
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    try {
      const kb = page.keyboard;
      // Tab: every step is a Tab stop, in order, with a visible focus indicator.
      for (const title of STEP_TITLES) {
        await kb.press('Tab');
        await expectFocused(page, `button:${title}`, { visible: `focus on ${title} is visible` });
      }
      await kb.press('Enter');
      await assertOnStep(page, 'Summary');
      await kb.press('Shift+Tab');
      await expectFocused(page, 'button:Use the account');
      await kb.press('Space');
      await assertOnStep(page, 'Use the account');

      // Arrows move between steps (wrapping), Home/End jump; moving focus does not change the screen.
      const moves: [string, string][] = [
        ['ArrowUp', 'Install & test'],
        ['ArrowUp', 'Account'],
        ['ArrowUp', 'Prerequisites'],
        ['ArrowUp', 'Summary'],
        ['ArrowDown', 'Prerequisites'],
        ['ArrowDown', 'Account'],
        ['End', 'Summary'],
        ['Home', 'Prerequisites'],
      ];
      for (const [key, title] of moves) {
        await kb.press(key);
        await expectFocused(page, `button:${title}`, { message: `after ${key}` });
      }
      await eventually(
        () => currentSteps(page),
        (marked) => assert.deepEqual(marked, ['Use the account']),
      );
      await kb.press('Enter');
      await assertOnStep(page, 'Prerequisites');

      // On from the steps: the screen's buttons, every check of the health check, then the PowerShell panel's
      // toggle, its script tabs, Copy, the script and the output.
      await waitForHealthReport(page);
      const checkTitles = await page.locator('[data-check-id] button[aria-expanded]').allTextContents();
      assert.ok(checkTitles.length > 0, 'the health check shows its checks');
      for (let i = 1; i < STEP_TITLES.length; i++) await kb.press('Tab');
      for (const stop of PREREQUISITES_LEAD_STOPS) {
        await kb.press('Tab');
        await expectFocused(page, stop, { visible: `focus on ${stop} is visible` });
      }
      await kb.press('Tab');
      await expectFocused(page, 'button:Check again');
      await kb.press('Tab');
      await expectFocused(page, 'button:Run checks again');
      await kb.press('Tab');
      await expectFocused(page, 'button:Copy report');
      for (const title of checkTitles) {
        await kb.press('Tab');
        await expectFocused(page, `button:${title}`, { visible: `focus on the check ${title} is visible` });
      }
      // The screen's Next (in its action bar, kept in view), the panel's splitter, then its toggle: collapsed at first.
      await kb.press('Tab');
      await waitForFocus(page, 'prerequisites-next');
      await expectFocused(page, /^button:/, { visible: 'focus on Next is visible' });
      await kb.press('Tab');
      await expectFocused(page, /^div\[separator\]/, { visible: 'focus on the splitter is visible' });
      await kb.press('Tab');
      await expectFocused(page, 'button:PowerShell — 2 scripts', { visible: 'focus on the panel toggle is visible' });
      const toggle = page.getByTestId('ps-toggle');
      await expectAttribute(toggle, 'aria-expanded', 'false');
      await kb.press('Enter');
      await expectAttribute(toggle, 'aria-expanded', 'true');
      await page.getByTestId('ps-script').waitFor();
      await kb.press('Enter');
      await expectAttribute(toggle, 'aria-expanded', 'false');
      await eventually(
        () => page.locator('#ps-panel-body').isVisible(),
        (visible) => assert.equal(visible, false),
      );
      await kb.press('Space');
      await expectAttribute(toggle, 'aria-expanded', 'true');
      await page.getByTestId('ps-script').waitFor();

      // The script tabs: one Tab stop; arrows move and select (the health check's script first).
      await kb.press('Tab');
      await expectFocused(page, 'button[tab]:Health check', { visible: 'focus on the script tab is visible' });
      await kb.press('ArrowRight');
      await expectFocused(page, 'button[tab]:Environment');
      await expectAttribute(page.getByRole('tab', { name: 'Environment' }), 'aria-selected', 'true');
      await page.locator('[data-testid="ps-script"][data-operation="environment.preview"]').waitFor();

      await kb.press('Tab');
      await expectFocused(page, 'button:Copy', { visible: 'focus on Copy is visible' });
      await kb.press('Enter');
      await page.getByRole('button', { name: 'Copied', exact: true }).waitFor();
      const preview = (await invokeApi(labs.wizard.host, 'environment.preview')) as ScriptPreview;
      await eventually(
        () => readClipboard(page),
        (copied) => assert.equal(copied, preview.script),
      );
      await page.getByRole('status').filter({ hasText: 'Script copied to the clipboard.' }).waitFor();

      await kb.press('Tab');
      await expectFocused(page, /^pre\[group\]:# Who and where/);
      await kb.press('Tab');
      await expectFocused(page, /^div\[log\]:/);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  it('Prerequisites shows the lab environment, the practice banner, the health check and the exact scripts of both', async () => {
    const { page, problems, close } = await openWizard(labs.browser, labs.wizard.host.url);
    try {
      assert.ok(!page.url().includes('token'), `the token left the address bar: ${page.url()}`);
      const facts = page.getByTestId('environment-facts');
      const fact = (term: string) => facts.locator('div', { has: page.getByText(term, { exact: true }) }).locator('dd');
      await expectText(fact('Computer'), 'WEB01');
      await expectText(fact('User'), 'CONTOSO\\Administrator');
      await expectText(fact('Domain'), 'contoso.com');
      await expectText(fact('PowerShell'), /^7\.\d+\.\d+ \(Core\)$/);
      await expectText(fact('Lab scenario'), 'healthy');
      await expectText(fact('Domain controller'), 'DC01');
      await expectText(fact('Elevated'), /^Yes\b/);

      const banner = page.getByRole('banner').getByTestId('practice-banner');
      await expectText(banner, /^Practice mode — simulated domain healthy\b/);
      await page.getByRole('region', { name: 'Health check' }).waitFor();

      // The panel (collapsed until opened) shows the step's scripts: the health check's first, the environment
      // probe's in its own tab.
      const panel = await showPowerShell(page);
      const checks = (await invokeApi(labs.wizard.host, 'checks.preview')) as ScriptPreview;
      const preview = (await invokeApi(labs.wizard.host, 'environment.preview')) as ScriptPreview;
      await expectText(panel.getByTestId('ps-script'), checks.script);
      await panel.getByRole('heading', { name: `Script: ${checks.title}` }).waitFor();
      await panel.getByRole('tab', { name: 'Environment' }).click();
      await expectText(panel.getByTestId('ps-script'), preview.script);
      await panel.getByRole('heading', { name: `Script: ${preview.title}` }).waitFor();

      // The setup screens' scripts follow from the plan (and its workloads), so before there is one they say so. The panel
      // comes back to the step's first script.
      // Meanwhile the panel is its bar alone (however the admin left it), saying why.
      await stepButton(page, 'Use the account').click();
      await panel.getByText('The exact script of each step appears here once a workload is added').waitFor();
      await expectText(panel.getByTestId('ps-toggle'), 'PowerShell — no script on this part, live output');
      await expectAttribute(panel.getByTestId('ps-toggle'), 'aria-expanded', 'false');
      await expectCount(panel.getByRole('tab'), 0);
      await stepButton(page, 'Account').click();
      await panel.getByText('The exact script of each step appears here once the plan is complete').waitFor();
      await expectCount(panel.getByRole('tab'), 0);
      await stepButton(page, 'Prerequisites').click();
      await expectAttribute(panel.getByTestId('ps-toggle'), 'aria-expanded', 'true');
      await expectText(panel.getByTestId('ps-script'), checks.script);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  it('"Check again" shows progress, is disabled while it runs (no double fire) and streams live output', async () => {
    const { page, problems, close } = await openWizard(labs.browser, labs.wizard.host.url);
    try {
      await showPowerShell(page); // the live output is in the panel
      const runs = page.locator('[data-run-operation="environment.probe"]');
      await runs.first().and(page.locator('[data-run-status="succeeded"]')).waitFor();
      const before = await runs.count();

      const seen = await clickCheckAgainThrice(page, before);
      assert.deepEqual(seen, { disabled: 'true', spinner: true, status: 'Checking…', firstSight: 'running' });

      const latest = runs.nth(before);
      await latest.and(page.locator('[data-run-status="succeeded"]')).waitFor();
      await eventually(textOf(latest), (output) => {
        // The live output is a transcript: what ran in words, then how it ended.
        assert.match(output, /^# Reading this computer and its domain/);
        assert.match(output, /Finished in \d+ ms$/);
      });
      // Three clicks, one run: the two made while it ran did nothing, now or a little later.
      await holds(
        () => runs.count(),
        (count) => assert.equal(count, before + 1),
      );
      const button = page.getByRole('button', { name: 'Check again' });
      await expectAttribute(button, 'aria-disabled', null);
      await eventually(
        () => page.getByTestId('environment-facts').isVisible(),
        (visible) => assert.equal(visible, true),
      );
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  it('shows an API error with its title, action and message (a page with a wrong token)', async () => {
    const wrong = `${labs.wizard.host.origin}/#token=${'0'.repeat(64)}`;
    const { page, close } = await openWizard(labs.browser, wrong, {}, false);
    try {
      const error = page.getByRole('region', { name: 'This computer' }).locator('[data-error-kind="TokenRefused"]');
      await error.waitFor();
      // The health check says the same in its own card.
      await page.getByRole('region', { name: 'Health check' }).locator('[data-error-kind="TokenRefused"]').waitFor();
      await eventually(textOf(error), (text) => {
        assert.match(text, /The lab host refused this page’s access token\./);
        assert.match(text, /Open the link the lab host printed/);
        assert.match(text, /HTTP 401: token required/);
      });
      await expectCount(page.getByTestId('practice-banner'), 0, 'no banner without app.info');
      await expectAttribute(page.getByRole('button', { name: 'Check again' }), 'aria-disabled', null);
      await expectAttribute(page.getByRole('button', { name: 'Run checks again' }), 'aria-disabled', null);
    } finally {
      await close();
    }
  });
});
