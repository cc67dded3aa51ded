// Accessibility gate: axe-core finds no serious or critical violation on any screen, in light, dark and forced
// colors — and on every state of the setup screens (each part of the Account screen, with problems and the broad-
// group warning shown, the preview, Install & test and Summary before a run); the theme follows the OS live; a
// screenshot of each screen is saved under test/artifacts/; and proof that the gate fails when a real violation is
// on the page.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import {
  eventually,
  expectAttribute,
  fileTimeLimit,
  injectViolations,
  openWizard,
  saveScreenshot,
  screenHeading,
  seriousViolations,
  slug,
  STEP_TITLES,
  stepButton,
  themeBackground,
  useBrowserAndWizards,
  violationsWhenStill,
  waitForHealthReport,
  waitForStill,
  type Violation,
  showPowerShell,
} from './helpers.js';

const expectScheme = (page: Page, wanted: string) =>
  expectAttribute(page.locator('[data-scheme]').first(), 'data-scheme', wanted);

/** Visits every screen: axe on each, a screenshot of each; returns every serious or critical violation found. */
async function auditEveryScreen(page: Page, label: string): Promise<(Violation & { screen: string })[]> {
  const found: (Violation & { screen: string })[] = [];
  for (const [index, title] of STEP_TITLES.entries()) {
    await stepButton(page, title).click();
    await screenHeading(page).filter({ hasText: title }).waitFor();
    // No hover highlight in the screenshots, and no colour still fading (it would fool axe's contrast check).
    for (const v of await violationsWhenStill(page)) found.push({ ...v, screen: title });
    await saveScreenshot(page, `${label}-${index + 1}-${slug(title)}`);
  }
  return found;
}

const MEDIA: [string, string, Parameters<Page['emulateMedia']>[0]][] = [
  ['light', 'light', { colorScheme: 'light', forcedColors: 'none' }],
  ['dark', 'dark', { colorScheme: 'dark', forcedColors: 'none' }],
  ['forced-colors', 'high-contrast', { colorScheme: 'dark', forcedColors: 'active' }],
];

/** axe on the page as it is, in light, dark and forced colors (switched live); a screenshot of each. */
async function auditState(page: Page, state: string): Promise<(Violation & { screen: string })[]> {
  const found: (Violation & { screen: string })[] = [];
  await page.mouse.move(0, 0);
  for (const [label, expected, media] of MEDIA) {
    await page.emulateMedia(media);
    await page.locator(`[data-scheme="${expected}"]`).waitFor();
    await waitForStill(page);
    for (const v of await seriousViolations(page)) found.push({ ...v, screen: `${state} (${label})` });
    await saveScreenshot(page, `setup-${state}-${label}`);
  }
  await page.emulateMedia(MEDIA[0]?.[2] ?? {});
  return found;
}

describe('accessibility (e2e, axe-core, Chromium, lab host)', { timeout: fileTimeLimit(80) }, () => {
  const labs = useBrowserAndWizards({ wizard: 'healthy' });

  const modes: [string, string, BrowserContextOptions][] = [
    ['light', 'light', { colorScheme: 'light' }],
    ['dark', 'dark', { colorScheme: 'dark' }],
    ['forced colors', 'high-contrast', { colorScheme: 'dark', forcedColors: 'active' }],
  ];
  for (const [name, expectedScheme, options] of modes) {
    it(`${name}: no serious or critical axe violation on any screen (screenshots saved)`, async () => {
      const { page, problems, close } = await openWizard(labs.browser, labs.wizard.host.url, options);
      try {
        await expectScheme(page, expectedScheme);
        // Let the first probe and health check settle, so the screenshots show them as they end (the live output is in
        // the PowerShell panel, collapsed at first).
        await page.locator('[data-run-status="succeeded"]').first().waitFor({ state: 'attached' });
        await waitForHealthReport(page);
        const violations = await auditEveryScreen(page, slug(name));
        assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    });
  }

  it('setup screens: every part of the Account screen, the preview, Install & test and Summary before a run, in light, dark and forced colors', async () => {
    const { page, problems, close } = await openWizard(labs.browser, labs.wizard.host.url, { colorScheme: 'light' });
    try {
      await waitForHealthReport(page);
      const found: (Violation & { screen: string })[] = [];
      const next = () => page.getByRole('button', { name: 'Next', exact: true }).click();
      await stepButton(page, 'Account').click();
      await page.getByRole('heading', { name: 'Part 1 of 5: Account type' }).waitFor();
      found.push(...(await auditState(page, '1-type')));
      await next();
      // Options with a problem shown (a 16-character name) and the RC4 warning.
      await page.locator('#plan-name').fill('svc-web-frontend');
      await page.locator('[data-field="name"] [role="alert"]').waitFor();
      await page.getByText('RC4 (weak', { exact: false }).click();
      await page.getByTestId('rc4-warning').waitFor();
      found.push(...(await auditState(page, '2-options-problems')));
      await page.getByText('RC4 (weak', { exact: false }).click();
      await page.locator('#plan-name').fill('svc-web');
      await next();
      await page.getByTestId('kds-part').waitFor();
      found.push(...(await auditState(page, '3-kds')));
      await next();
      // Who may retrieve the password, with the broad-group warning.
      await page.locator('#plan-gmsa-group-name').fill('Domain Computers');
      await page.getByTestId('broad-principal-warning').waitFor();
      found.push(...(await auditState(page, '4-access-broad-group')));
      await page.locator('#plan-gmsa-group-name').fill('gMSA-Web-Hosts');
      await next();
      await showPowerShell(page);
      await page.locator('[data-testid="ps-script"][data-operation="group"]').waitFor();
      found.push(...(await auditState(page, '5-review-preview')));
      await stepButton(page, 'Install & test').click();
      await page.getByTestId('host-steps').waitFor();
      found.push(...(await auditState(page, '6-install-preview')));
      await stepButton(page, 'Summary').click();
      await page.getByRole('heading', { name: 'Nothing set up yet' }).waitFor();
      found.push(...(await auditState(page, '7-summary-empty')));
      assert.deepEqual(found, [], JSON.stringify(found, null, 2));
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  it('the theme follows the OS live: light, dark, forced colors and back, without a reload', async () => {
    const { page, close } = await openWizard(labs.browser, labs.wizard.host.url, { colorScheme: 'light' });
    try {
      const background = () => themeBackground(page);
      await expectScheme(page, 'light');
      await waitForStill(page); // the background's colour is not fading in
      const light = await background();
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.locator('[data-scheme="dark"]').waitFor();
      await eventually(background, (now) => assert.notEqual(now, light));
      await page.emulateMedia({ forcedColors: 'active' });
      await page.locator('[data-scheme="high-contrast"]').waitFor();
      await page.emulateMedia({ colorScheme: 'light', forcedColors: 'none' });
      await page.locator('[data-scheme="light"]').waitFor();
      // The colour fades back (a CSS transition): wait for the end of it.
      await eventually(background, (now) => assert.equal(now, light));
    } finally {
      await close();
    }
  });

  it('the gate fails on a known violation: an unnamed button and an image without alt are reported', async () => {
    const { page, close } = await openWizard(labs.browser, labs.wizard.host.url);
    try {
      await waitForHealthReport(page);
      assert.deepEqual(await seriousViolations(page), []);
      await injectViolations(page);
      const violations = await seriousViolations(page);
      const byRule = new Map(violations.map((v) => [v.id, v]));
      assert.deepEqual(byRule.get('button-name')?.targets, ['#injected-unnamed-button']);
      assert.equal(byRule.get('button-name')?.impact, 'critical');
      assert.deepEqual(byRule.get('image-alt')?.targets, ['#injected-image']);
      assert.equal(byRule.get('image-alt')?.impact, 'critical');
    } finally {
      await close();
    }
  });
});
