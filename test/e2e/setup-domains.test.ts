// The setup screens on domains that are not ready, and away from the target computer: on 2008 R2 levels the gMSA
// option is disabled with the health check's reason; on a fresh domain the KDS part offers the same fixes as the
// health check, and after the production key (usable in 10 hours) the plan is saved (runs.start) with the time to come
// back, offered again on the next start and set aside; run from APP01 for WEB01, Install & test offers the scripts to
// copy instead of Run buttons; on a host that supports only RC4, the failure on the computer comes with the
// diagnosis and the fix, and undo is right there. Screenshots: test/artifacts/setup-domains-*.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { RunInfo } from '../../electron/common/api/contract.js';
import {
  buildRenderer,
  invokeApi,
  launchChromium,
  openWizard,
  saveScreenScreenshot,
  startWizard,
  stepButton,
  violationsWhenStill,
  waitForHealthReport,
  type Wizard,
} from './helpers.js';

const next = (page: Page) => page.getByRole('button', { name: 'Next', exact: true }).click();
const part = (page: Page, name: string) => page.getByRole('heading', { name }).waitFor();

describe('setup on unready domains and elsewhere (e2e, Chromium, lab host)', { timeout: 120_000 }, () => {
  let browser: Browser;
  let legacy: Wizard;
  let fresh: Wizard;
  let elsewhere: Wizard;
  let rc4: Wizard;
  before(async () => {
    const rendererDir = await buildRenderer();
    [legacy, fresh, elsewhere, rc4, browser] = await Promise.all([
      startWizard(rendererDir, 'legacy-levels'),
      startWizard(rendererDir, 'fresh-domain'),
      startWizard(rendererDir, 'healthy', 'APP01'),
      startWizard(rendererDir, 'rc4-only-host'),
      launchChromium(),
    ]);
  });
  after(async () => {
    await browser?.close();
    await Promise.all([legacy?.close(), fresh?.close(), elsewhere?.close(), rc4?.close()]);
  });

  it('legacy levels: gMSA is disabled with the reason from the health check; sMSA is chosen', async () => {
    const { page, problems, close } = await openWizard(browser, legacy.host.url);
    try {
      await waitForHealthReport(page);
      await stepButton(page, 'Account').click();
      await part(page, 'Part 1 of 3: Account type');
      assert.equal(await page.locator('#plan-accountType').isDisabled(), true, 'gMSA disabled');
      assert.equal(await page.locator('#plan-account-type-smsa').isChecked(), true, 'sMSA chosen');
      const reason = (await page.getByTestId('type-gmsa-reason').textContent()) ?? '';
      assert.match(reason, /^gMSA: Not available in this domain: needs schema version 56, Windows Server 2012\./);
      assert.equal(await page.locator('#plan-accountType').getAttribute('aria-describedby'), 'plan-type-gmsa-reason');
      assert.deepEqual(await violationsWhenStill(page), []);
      await saveScreenScreenshot(page, 'setup-domains-1-legacy-type');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  it('fresh domain: the KDS part creates the production key; the plan is saved, offered on the next start, set aside', async () => {
    const { page, problems, close } = await openWizard(browser, fresh.host.url);
    try {
      await waitForHealthReport(page);
      await stepButton(page, 'Account').click();
      await part(page, 'Part 1 of 5: Account type');
      await next(page);
      await page.locator('#plan-name').fill('svc-later');
      await next(page);
      await part(page, 'Part 3 of 5: KDS root key');
      const kds = page.getByTestId('kds-part');
      assert.equal(await kds.getAttribute('data-status'), 'fail');
      assert.deepEqual(await kds.locator('[data-fix] button').allTextContents(), [
        'Create the KDS root key (production)',
        'Create it effective immediately (this DC only)',
        'Create it back-dated (isolated test labs only)',
      ]);
      await saveScreenScreenshot(page, 'setup-domains-2-kds-missing');
      await kds.getByRole('button', { name: 'Create the KDS root key (production)' }).click();
      await page.getByTestId('kds-save-hint').waitFor({ timeout: 30_000 });
      assert.equal(await kds.getAttribute('data-status'), 'warn');
      await saveScreenScreenshot(page, 'setup-domains-3-kds-pending');
      await next(page);
      await page.locator('#plan-gmsa-group-name').fill('gMSA-Later-Hosts');
      await next(page);
      await part(page, 'Part 5 of 5: Review and create');
      await page.getByTestId('kds-pending').waitFor();
      await page.getByRole('button', { name: 'Save the plan' }).click();
      const saved = page.getByTestId('plan-saved');
      await saved.waitFor();
      assert.match(
        (await saved.textContent()) ?? '',
        /Saved\. Reopen the wizard after (?:\w{3} )?\d{1,2}:\d{2}(?: [AP]M)?; it will offer to resume this plan\./,
      );
      assert.deepEqual(
        await page.locator('[data-step-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status'))),
        ['pending', 'pending', 'pending'],
        'saving runs nothing',
      );
      await saveScreenScreenshot(page, 'setup-domains-4-saved');

      // The next start offers it; "Set aside" closes it (runs.close), and it is offered no more.
      await page.reload();
      await page.getByTestId('resume-banner').waitFor();
      assert.match(
        (await page.getByTestId('resume-banner').textContent()) ?? '',
        /A setup of svc-later\$ was not finished/,
      );
      await page.getByRole('button', { name: 'Set aside' }).click();
      await page.getByTestId('resume-banner').waitFor({ state: 'detached' });
      const current = (await invokeApi(fresh.host, 'runs.current')) as { run: RunInfo | null };
      assert.equal(current.run, null);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  it('away from the target: run on APP01 for WEB01, Install & test offers each script to copy and no Run button', async () => {
    const { page, problems, close } = await openWizard(browser, elsewhere.host.url, {
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    try {
      await waitForHealthReport(page);
      await stepButton(page, 'Account').click();
      await part(page, 'Part 1 of 5: Account type');
      await page.getByLabel('Standalone managed service account (sMSA)').check();
      await next(page);
      await page.locator('#plan-name').fill('svc-far');
      assert.equal(await page.locator('#plan-targetComputer').inputValue(), 'APP01');
      await page.locator('#plan-targetComputer').fill('WEB01');
      await next(page);
      await page.locator('[data-step-id="smsa-link"]').waitFor();
      await stepButton(page, 'Install & test').click();
      const warning = page.getByTestId('not-on-target');
      await warning.waitFor();
      assert.match((await warning.textContent()) ?? '', /These steps must run on WEB01.*The wizard runs on APP01/);
      const host = page.getByTestId('host-steps');
      assert.equal(await host.getByRole('button', { name: /^Run/ }).count(), 0, 'no Run buttons');
      assert.equal(await host.getByRole('button', { name: /^Copy script to run there/ }).count(), 2);
      assert.deepEqual(await violationsWhenStill(page), []);
      await saveScreenScreenshot(page, 'setup-domains-5-elsewhere');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  it('RC4-only host: the failure on the computer is shown with the diagnosis and the fix; undo is offered', async () => {
    const { page, problems, close } = await openWizard(browser, rc4.host.url);
    try {
      await waitForHealthReport(page);
      await stepButton(page, 'Account').click();
      await part(page, 'Part 1 of 5: Account type');
      await next(page);
      await page.locator('#plan-name').fill('svc-aes');
      await next(page);
      await part(page, 'Part 3 of 5: KDS root key');
      await next(page);
      await page.locator('#plan-gmsa-group-name').fill('gMSA-Aes-Hosts');
      await next(page);
      await page.getByRole('button', { name: 'Run all directory steps' }).click();
      await page.getByRole('button', { name: 'Continue to Install & test' }).click();
      await page.getByRole('button', { name: 'Run all host steps' }).click();
      const result = page.getByTestId('test-result');
      await result.waitFor({ timeout: 60_000 });
      assert.equal(await result.getAttribute('data-result'), 'false');
      const text = (await result.textContent()) ?? '';
      // Installing fails first (for a gMSA it runs when the test is not True yet); its message is the diagnosis.
      assert.equal(await result.getAttribute('data-step'), 'install');
      assert.match(text, /Encryption-type mismatch: svc-aes\$ allows AES128, AES256 but WEB01 supports only RC4/);
      assert.match(text, /Enable AES on WEB01/);
      await page.getByTestId('undo-section').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Undo all' }).count(), 1);
      assert.deepEqual(await violationsWhenStill(page), []);
      await saveScreenScreenshot(page, 'setup-domains-6-test-false');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});
