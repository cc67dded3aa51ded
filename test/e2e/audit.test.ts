// Issue 17's screen in a real browser on the lab scenario risky-domain (one of each audit finding planted), with the
// wizard on WEB01 at 1280x720: Audit managed accounts from the nav, Run the audit (read-only: the lab state is
// unchanged), the summary, the findings filtered to critical, the BadSuccessor finding opened (the OU's DN, the
// Helpdesk Team's CreateChild ACE, the fix command), the inventory table, the report exported as HTML and opened in a
// page of its own (it renders its headings and findings, and prints: page.pdf()), the confirmation in the action bar
// beside the export buttons, then "Move to a managed account" on svc-legacy's finding (risky-domain has its nightly
// task on WEB01), which opens the move as a plan on Account, prefilled. axe finds nothing serious at each state, light
// and dark; no state scrolls the document (the main area scrolls; the actions stay in its sticky bar). Screenshots under
// test/artifacts/audit/ (copied to docs/screenshots/audit/, whose README says what each shows).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { BADSUCCESSOR_OU, HELPDESK_GROUP } from '../../electron/lab/scenarios/risky-domain.js';
import { labStateText } from '../helpers/lab.js';
import {
  ARTIFACTS_DIR,
  eventually,
  expectText,
  fileTimeLimit,
  noViolations,
  openWizard,
  pressButton,
  screenHeading,
  tabTo,
  textOf,
  useBrowserAndWizards,
  waitForHealthReport,
} from './helpers.js';

/** Under test/artifacts/ (git-ignored): docs/screenshots/audit/ holds copies from a run, made by hand (its README). */
const SHOTS = path.join(ARTIFACTS_DIR, 'audit');
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The page neither scrolls nor overflows sideways: only the main area scrolls (its sticky bar holds the actions). */
async function documentFits(page: Page, where: string): Promise<void> {
  // On the audit screen, Run the audit (the primary action, in the sticky bar) is in view whatever the list's length.
  type Layout = { w: number; h: number; vw: number; vh: number; run: { y: number; height: number } | null };
  await eventually(
    // A string: this runs in the page, and the tests' TypeScript has no DOM types.
    async () =>
      (await page.evaluate(`(() => {
        const run = document.getElementById('audit-run')?.getBoundingClientRect() ?? null;
        const { scrollWidth: w, scrollHeight: h } = document.documentElement;
        return { w, h, vw: innerWidth, vh: innerHeight, run: run === null ? null : { y: run.y, height: run.height } };
      })()`)) as Layout,
    ({ w, h, vw, vh, run }) => {
      assert.ok(w <= vw && h <= vh, `${where}: the document is ${w}x${h} in a ${vw}x${vh} window`);
      if (run !== null) {
        assert.ok(run.y >= 0 && run.y + run.height <= vh, `${where}: Run the audit at ${JSON.stringify(run)}`);
      }
    },
  );
}

/** axe in light and dark, a screenshot of the window in each: test/artifacts/audit/<name>-<scheme>.png. */
async function auditAndShoot(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.locator(`[data-scheme="${colorScheme}"]`).waitFor();
    await noViolations(page, `${name} (${colorScheme})`);
    await documentFits(page, `${name} (${colorScheme})`);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `${name}-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('Audit managed accounts (e2e, Chromium, risky-domain)', { timeout: fileTimeLimit(120) }, () => {
  const labs = useBrowserAndWizards({ lab: { scenario: 'risky-domain', computer: 'WEB01' } });

  it('runs the audit, filters to critical, opens BadSuccessor, exports printable HTML, moves svc-legacy', async () => {
    const { page, problems, close } = await openWizard(labs.browser, labs.lab.host.url, {
      colorScheme: 'light',
      viewport: { width: 1280, height: 720 },
    });
    try {
      await waitForHealthReport(page);
      const before = labStateText(labs.lab.labDir);

      // From the nav, by keyboard: the screen says it is read-only before anything runs.
      await tabTo(page, (f) => f.tag === 'button' && f.name === 'Audit managed accounts');
      await page.keyboard.press('Enter');
      await expectText(screenHeading(page), 'Audit managed accounts');
      await page.locator('#audit-run').waitFor(); // the lazy screen's fallback has the same heading
      await expectText(
        page.getByRole('main'),
        /Read-only: one PowerShell script reads the directory; nothing is changed/,
      );
      await auditAndShoot(page, '1-before');

      await pressButton(page, 'Run the audit');
      await page.locator('[data-testid="audit-summary"], main [data-error-kind]').first().waitFor({ timeout: 300_000 });
      assert.deepEqual(await page.locator('main [data-error-kind]').allTextContents(), [], 'audit.run answered');
      assert.equal(labStateText(labs.lab.labDir), before, 'the audit changed nothing in the lab');
      await expectText(
        page.getByTestId('audit-summary'),
        /^\d+ critical, \d+ high, .*\. Read \d+ managed accounts of contoso\.com from DC\d+(?:\.contoso\.com)?, today \d{1,2}:\d{2} [AP]M\.$/,
      );
      await expectText(page.getByTestId('audit-facts'), /Windows Server 2025/);

      // Critical only, by keyboard (back from Run the audit, past every finding): every finding shown is critical.
      await tabTo(page, 'audit-severity-critical', { back: true, max: 80 });
      await page.keyboard.press('Space');
      await page.locator('#audit-severity-critical[aria-pressed="true"]').waitFor();
      await eventually(textOf(page.getByTestId('audit-shown')), (t) =>
        assert.match(t, /^Showing \d+ of \d+ findings\.$/),
      );
      const shown = page.locator('[data-testid="audit-findings"] > li');
      await eventually(
        () => shown.evaluateAll((els) => els.map((e) => e.getAttribute('data-severity'))),
        (severities) =>
          assert.ok(severities.length > 0 && severities.every((s) => s === 'critical'), JSON.stringify(severities)),
      );

      const badSuccessor = page.locator('[data-testid="audit-findings"] > li[data-kind="badsuccessor-ou"]');
      const opener = await badSuccessor.locator('button[aria-expanded]').getAttribute('id');
      assert.ok(opener !== null);
      await tabTo(page, opener);
      await page.keyboard.press('Enter');
      await badSuccessor.locator('button[aria-expanded="true"]').waitFor();
      const detail = badSuccessor.getByTestId('finding-detail');
      await expectText(badSuccessor, new RegExp(`OU: ${escape(BADSUCCESSOR_OU)}`));
      const evidence = await textOf(detail.getByTestId('finding-evidence'))();
      assert.ok(evidence.includes(`CONTOSO\\${HELPDESK_GROUP}`), evidence);
      assert.match(evidence, /CreateChild/);
      const command = await textOf(detail.getByTestId('finding-fix'))();
      assert.ok(command.includes(BADSUCCESSOR_OU) || command.includes('App Servers'), command);
      await detail.getByRole('button', { name: /^Copy the command/ }).waitFor();
      await auditAndShoot(page, '2-critical-badsuccessor');

      // The inventory: a row per managed account, sortable.
      await page.getByRole('tab', { name: /^Inventory/ }).click();
      const inventory = page.getByTestId('audit-inventory');
      for (const sam of ['gmsa-report$', 'gmsa-web$', 'msa-legacy$', 'gmsa-batch$', 'dmsa-legacy$'])
        await inventory.locator(`[data-account="${sam}"]`).waitFor();
      await expectText(inventory.locator('[data-account="msa-legacy$"]'), /RC4 only/);
      await expectText(inventory.locator('[data-account="gmsa-report$"]'), /Domain Users/);
      await inventory.getByRole('button', { name: 'Password last set' }).click();
      await inventory.locator('th[aria-sort="ascending"]').filter({ hasText: 'Password last set' }).waitFor();
      await auditAndShoot(page, '3-inventory');

      // Export HTML: the download's text, opened in a page of its own, renders and prints.
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#audit-export-html').click()]);
      assert.match(download.suggestedFilename(), /^msa-audit-.*\.html$/);
      const html = readFileSync(await download.path(), 'utf8');
      await expectText(page.getByTestId('audit-exported'), /handed to the download/);
      // Where the admin looks: in the action bar, beside the button just pressed.
      await page.getByTestId('screen-actions').getByTestId('audit-exported').waitFor();
      const report = await page.context().newPage();
      try {
        await report.setContent(html);
        assert.ok((await report.locator('h1').count()) > 0, 'the report has a heading');
        await expectText(report.locator('body'), new RegExp(escape(BADSUCCESSOR_OU)));
        await expectText(report.locator('body'), /svc-legacy/);
        await report.emulateMedia({ media: 'print' });
        const pdf = await report.pdf({ format: 'A4' });
        assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
        assert.ok(pdf.length > 5_000, `a PDF of ${pdf.length} bytes`);
        await report.emulateMedia({ media: 'screen' });
        await report.setViewportSize({ width: 1280, height: 720 });
        await report.screenshot({ path: path.join(SHOTS, '4-exported-html.png') });
      } finally {
        await report.close();
      }

      // Move svc-legacy: back to the findings, all severities, its finding opened, its move opens on Account.
      await page.getByRole('tab', { name: /^Findings/ }).click();
      await page.locator('#audit-severity-critical').click();
      const legacy = page.locator('[data-testid="audit-findings"] > li[data-kind="user-should-be-managed"]');
      await expectText(legacy, /svc-legacy/);
      await legacy.getByRole('button', { expanded: false }).click();
      await expectText(legacy.getByTestId('finding-evidence'), /HTTP\/legacy\.contoso\.com/);
      await auditAndShoot(page, '5-svc-legacy');
      // risky-domain plants the gateway's nightly task on WEB01 running as svc-legacy: the move plans it directly.
      await legacy.getByRole('button', { name: 'Move to a managed account' }).click();
      // discover.adopt reads this computer's jobs first (one sweep): the plan opens on Account, or the card says why not.
      const part1 = page.getByRole('heading', { name: 'Part 1 of 5: Account type' });
      await part1.or(legacy.locator('[data-error-kind]')).first().waitFor({ timeout: 120_000 });
      assert.deepEqual(await legacy.locator('[data-error-kind]').allTextContents(), [], 'discover.adopt answered');
      await part1.waitFor();
      await expectText(page.getByTestId('plan-file-status'), /^Planned the move of svc-legacy to [^ ]+\$\./);
      await expectText(page.getByTestId('account-migration'), /moves the jobs of the user account svc-legacy/);
      await auditAndShoot(page, '6-move-on-account');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});
