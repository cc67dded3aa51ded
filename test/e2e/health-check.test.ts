// The prerequisite health check in a real browser: the real renderer build, served by the real loopback lab host,
// against what the lab's checks really answer. Healthy and fresh-domain labs (and kds-key-pending for the countdown):
// the page shows the report as checks.run answers it, failures first; keyboard only, an admin reaches the failing
// KDS check, opens it and creates the key "effective immediately" (confirmed in the ask-first dialog: a forest-wide
// key no undo removes), and sees it pass; the back-dated mode waits for
// an acknowledgement; "Copy report" copies Markdown; axe finds nothing serious in light and dark with every check
// open; screenshots are saved under test/artifacts/ (health-<scenario>-<scheme>.png).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import type { CheckResult, CheckStatus, HealthReport, ScriptPreview } from '../../electron/common/api/contract.js';
import { labSession } from '../helpers/lab.js';
import { trusted } from '../helpers/pwsh.js';
import {
  clickFixAndLook,
  clickThrice,
  eventually,
  expectAttribute,
  expectCount,
  expectFocused,
  expectText,
  fileTimeLimit,
  focusedControl,
  holds,
  invokeApi,
  openWizard,
  readClipboard,
  saveScreenScreenshot,
  seriousViolations,
  startWizard,
  PREREQUISITES_LEAD_STOPS_FRESH,
  STEP_TITLES,
  textOf,
  useBrowserAndWizards,
  waitForHealthReport,
  type Wizard,
  showPowerShell,
} from './helpers.js';

const KDS = 'kds-root-key';
const WORST_FIRST: readonly CheckStatus[] = ['fail', 'warn', 'unknown', 'pass'];
const rank = (status: string) => WORST_FIRST.indexOf(status as CheckStatus);

/** What was found, with measured times ("answers in 39 ms") made equal: the page's run and the test's differ. */
const sameTimings = (text: string | null) => (text ?? '').replace(/\d+(\.\d+)? ms\b/g, 'N ms');

/** Waits until the page's "what was found" of a check is the API's (timings aside). */
const expectFound = (page: Page, check: CheckResult) =>
  eventually(textOf(checkRow(page, check.id).locator(`#check-${check.id}-found`)), (found) =>
    assert.equal(sameTimings(found), sameTimings(check.found), check.id),
  );

/** The report as the test itself gets it from the lab host (the same lab the page checks). */
async function runChecks(wizard: Wizard): Promise<HealthReport> {
  return (await invokeApi(wizard.host, 'checks.run')) as HealthReport;
}

function byId(report: HealthReport, id: string): CheckResult {
  const check = report.results.find((r) => r.id === id);
  assert.ok(check !== undefined, `the report has no check ${id}: ${report.results.map((r) => r.id).join(', ')}`);
  return check;
}

/** "2 failing, 1 warning, 9 passing", computed here from the API's answer (the test's own oracle). */
function expectedSummary(report: HealthReport): string {
  const n = (status: CheckStatus) => report.results.filter((r) => r.status === status).length;
  const words: [CheckStatus, (k: number) => string][] = [
    ['fail', (k) => `${k} failing`],
    ['warn', (k) => `${k} ${k === 1 ? 'warning' : 'warnings'}`],
    ['unknown', (k) => `${k} unknown`],
    ['pass', (k) => `${k} passing`],
  ];
  return words
    .filter(([status]) => n(status) > 0)
    .map(([status, say]) => say(n(status)))
    .join(', ');
}

/** Groups and their checks as the page shows them, in order: [group, [check id, status][]][]. */
async function shownOrder(page: Page): Promise<[string, [string, string][]][]> {
  const groups = page.locator('[data-group]');
  const shown: [string, [string, string][]][] = [];
  for (let i = 0; i < (await groups.count()); i++) {
    const group = groups.nth(i);
    const checks = group.locator('[data-check-id]');
    const rows: [string, string][] = [];
    for (let j = 0; j < (await checks.count()); j++) {
      const check = checks.nth(j);
      rows.push([(await check.getAttribute('data-check-id')) ?? '', (await check.getAttribute('data-status')) ?? '']);
    }
    shown.push([(await group.getAttribute('data-group')) ?? '', rows]);
  }
  return shown;
}

/** Opens every check's details (by its disclosure button). */
async function expandAll(page: Page): Promise<void> {
  const closed = page.locator('[data-check-id] button[aria-expanded="false"]');
  while ((await closed.count()) > 0) await closed.first().click();
}

const toggle = (page: Page, id: string) => page.locator(`[data-check-id="${id}"] button[aria-expanded]`).first();
const checkRow = (page: Page, id: string) => page.locator(`[data-check-id="${id}"]`);
const fixButton = (page: Page, label: string) => checkRow(page, KDS).getByRole('button', { name: label, exact: true });

describe('health check (e2e, Chromium, lab host)', { timeout: fileTimeLimit(60) }, () => {
  const labs = useBrowserAndWizards({ healthy: 'healthy', fresh: 'fresh-domain' });

  it('healthy: every check as checks.run answers it, none failing, failures first; the panel shows the exact script', async () => {
    const { page, problems, close } = await openWizard(labs.browser, labs.healthy.host.url, { colorScheme: 'light' });
    try {
      await waitForHealthReport(page);
      const report = await runChecks(labs.healthy);
      const notPassing = report.results.filter((r) => r.status !== 'pass').map((r) => `${r.id}: ${r.status}`);
      assert.deepEqual(
        report.results.filter((r) => r.status === 'fail').map((r) => `${r.id}: ${r.found}`),
        [],
        'nothing fails on a healthy lab',
      );
      for (const check of report.results) {
        await expectAttribute(checkRow(page, check.id), 'data-status', check.status, check.id);
        await expectText(toggle(page, check.id), check.title);
        await expectFound(page, check);
      }
      await expectCount(page.locator('[data-check-id]'), report.results.length);
      await eventually(textOf(page.getByTestId('health-summary')), (summary) =>
        assert.ok(summary.startsWith(`${expectedSummary(report)} · checked `), summary),
      );

      // Failures first: groups by their worst check, checks in a group by status.
      await eventually(
        () => shownOrder(page),
        (order) => {
          const worst = order.map(([, rows]) => Math.min(...rows.map(([, status]) => rank(status))));
          assert.deepEqual(
            worst,
            [...worst].sort((a, b) => a - b),
            JSON.stringify(order),
          );
          for (const [group, rows] of order) {
            const ranks = rows.map(([, status]) => rank(status));
            assert.deepEqual(
              ranks,
              [...ranks].sort((a, b) => a - b),
              `${group}: ${JSON.stringify(rows)}`,
            );
          }
        },
      );

      // The PowerShell panel: the health check's exact script first, the environment probe's in the other tab.
      const panel = await showPowerShell(page);
      const checksScript = (await invokeApi(labs.healthy.host, 'checks.preview')) as ScriptPreview;
      const envScript = (await invokeApi(labs.healthy.host, 'environment.preview')) as ScriptPreview;
      await expectText(panel.getByRole('tab', { selected: true }), 'Health check');
      await expectText(panel.getByTestId('ps-script'), checksScript.script);
      await panel.getByRole('heading', { name: `Script: ${checksScript.title}` }).waitFor();
      await panel.getByRole('tab', { name: 'Environment' }).click();
      await expectText(panel.getByTestId('ps-script'), envScript.script);
      await panel.locator('[data-run-operation="checks.run"][data-run-status="succeeded"]').first().waitFor();

      await saveScreenScreenshot(page, 'health-healthy-light-collapsed');
      console.log(`healthy lab, not passing: ${notPassing.join('; ') || 'none'}`);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  it('"Run checks again" shows progress on every check, cannot be double-fired, and runs once', async () => {
    const { page, problems, close } = await openWizard(labs.browser, labs.healthy.host.url);
    try {
      await waitForHealthReport(page);
      const runs = page.locator('[data-run-operation="checks.run"]');
      const before = await runs.count();
      const seen = await clickThrice(
        page,
        {
          buttonSelector: '[data-testid="health"] #health-heading ~ button',
          statusSelector: '[data-testid="health-summary"]',
          operation: 'checks.run',
        },
        before,
      );
      const total = await page.locator('[data-check-id]').count();
      assert.deepEqual(seen, {
        disabled: 'true',
        spinner: true,
        status: `Running ${total} checks…`,
        firstSight: 'running',
      });
      await runs
        .nth(before)
        .and(page.locator('[data-run-status="succeeded"]'))
        .waitFor({ state: 'attached', timeout: 60_000 });
      await waitForHealthReport(page);
      // The two clicks made while it ran must start nothing, now or a little later.
      await holds(
        () => runs.count(),
        (count) => assert.equal(count, before + 1, 'three clicks, one run'),
      );
      await expectAttribute(page.getByRole('button', { name: 'Run checks again' }), 'aria-disabled', null);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  it('fresh-domain: KDS fails first with its fix; "Copy report" (keyboard) copies Markdown with the KDS line', async () => {
    const { page, problems, close } = await openWizard(labs.browser, labs.fresh.host.url, {
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    try {
      await waitForHealthReport(page);
      const report = await runChecks(labs.fresh);
      const kds = byId(report, KDS);
      assert.equal(kds.status, 'fail');
      assert.ok(kds.fix !== null, 'the KDS check offers a fix');
      await expectAttribute(checkRow(page, KDS), 'data-status', 'fail');
      await eventually(
        () => shownOrder(page),
        (order) => {
          assert.equal(order[0]?.[1][0]?.[1], 'fail', `a failing check comes first: ${JSON.stringify(order)}`);
          assert.ok(
            order.some(([group, rows]) => group === 'KDS' && rows[0]?.[0] === KDS),
            JSON.stringify(order),
          );
        },
      );

      const kb = page.keyboard;
      for (let i = 0; i < STEP_TITLES.length + PREREQUISITES_LEAD_STOPS_FRESH.length + 3; i++) await kb.press('Tab');
      await expectFocused(page, 'button:Copy report', { visible: 'focus on Copy report is visible' });
      await kb.press('Enter');
      await page.getByRole('status').filter({ hasText: 'Report copied to the clipboard.' }).waitFor();
      const markdown = await readClipboard(page);
      const lines = markdown.split('\n');
      assert.equal(lines[0], '# MSA Wizard: prerequisite health check');
      assert.ok(lines.includes(`- Result: ${expectedSummary(report)}`), markdown);
      assert.ok(lines.includes('- Practice mode: simulated domain, lab scenario fresh-domain (not a real domain)'));
      assert.ok(lines.includes('## KDS'), markdown);
      const kdsLine = `| Fail | ${kds.title} | ${kds.found.replace(/\|/g, '\\|')} |`;
      assert.ok(lines.includes(kdsLine), `no line ${kdsLine} in\n${markdown}`);
      assert.ok(lines.includes('## Fixes'), markdown);
      assert.ok(lines.includes(`### ${kds.title} (Fail)`), markdown);
      assert.ok(markdown.includes(kds.fix.command), markdown);
      // Every check is in the report, once.
      for (const check of report.results) {
        assert.equal(lines.filter((l) => l.startsWith('| ') && l.includes(` | ${check.title} | `)).length, 1, check.id);
      }
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  const light: BrowserContextOptions = { colorScheme: 'light' };
  const dark: BrowserContextOptions = { colorScheme: 'dark' };
  const forced: BrowserContextOptions = { colorScheme: 'dark', forcedColors: 'active' };
  const looks: [string, string, BrowserContextOptions][] = [
    ['healthy', 'light', light],
    ['healthy', 'dark', dark],
    ['fresh-domain', 'light', light],
    ['fresh-domain', 'dark', dark],
    ['fresh-domain', 'forced-colors', forced],
  ];
  for (const [scenario, scheme, options] of looks) {
    it(`${scenario}, ${scheme}: no serious or critical axe violation with every check's details open (screenshot)`, async () => {
      const wizard = scenario === 'healthy' ? labs.healthy : labs.fresh;
      const { page, problems, close } = await openWizard(labs.browser, wizard.host.url, options);
      try {
        await waitForHealthReport(page);
        await expandAll(page);
        await page.mouse.move(0, 0);
        await waitForHealthReport(page); // and still: no hover transition in flight
        const violations = await seriousViolations(page);
        assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
        await saveScreenScreenshot(page, `health-${scenario}-${scheme}`);
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    });
  }

  it('fresh-domain, keyboard only: reach the failing KDS check, open it, create the key "effective immediately", see it pass', async () => {
    const { page, problems, close } = await openWizard(labs.browser, labs.fresh.host.url);
    try {
      await waitForHealthReport(page);
      const kds = byId(await runChecks(labs.fresh), KDS);
      const immediately = kds.fix?.actions.find((a) => a.id === 'kds-create-immediately');
      assert.ok(immediately !== undefined, 'the KDS fix offers "effective immediately"');

      const kb = page.keyboard;
      for (let i = 0; i < STEP_TITLES.length; i++) await kb.press('Tab');
      for (const stop of PREREQUISITES_LEAD_STOPS_FRESH) {
        await kb.press('Tab');
        await expectFocused(page, stop);
      }
      await kb.press('Tab');
      await expectFocused(page, 'button:Check again');
      await kb.press('Tab');
      await expectFocused(page, 'button:Run checks again');
      await kb.press('Tab');
      await expectFocused(page, 'button:Copy report');
      await kb.press('Tab');
      await expectFocused(page, `button:${kds.title}`, {
        message: 'the failing KDS check is the first check',
        visible: 'focus on the KDS check is visible',
      });
      await expectAttribute(toggle(page, KDS), 'aria-expanded', 'false');
      await kb.press('Enter');
      await expectAttribute(toggle(page, KDS), 'aria-expanded', 'true');
      const details = checkRow(page, KDS).getByTestId('check-details');
      await details.getByText(kds.why, { exact: true }).waitFor();
      await expectText(details.locator(`#check-${KDS}-command code`), kds.command);

      // On through the details, every stop visibly focused, to the "effective immediately" button. (A search: each
      // Tab moves the focus before press() returns; the stop's focus ring is waited for.)
      const stops: string[] = [];
      for (let i = 0; i < 20 && (await focusedControl(page)).label !== `button:${immediately.label}`; i++) {
        await kb.press('Tab');
        const { label } = await focusedControl(page);
        stops.push(label);
        await expectFocused(page, label, { visible: `focus on ${label} is visible` });
      }
      await expectFocused(page, `button:${immediately.label}`, { message: `stops: ${stops.join(' | ')}` });
      await kb.press('Enter');

      // A forest-wide key no undo removes is asked first, with the exact command. The dialog takes the focus; Tab
      // reaches "Run it" without leaving it, every stop visibly focused.
      const ask = page.getByRole('alertdialog');
      await expectText(ask, /this DC only[\s\S]*No undo removes it[\s\S]*Add-KdsRootKey -EffectiveImmediately/);
      const inDialog = async () => (await ask.locator(':focus').count()) === 1;
      await eventually(inDialog, (inside) => assert.ok(inside, 'the dialog has the focus'));
      const dialogStops: string[] = [];
      for (let i = 0; i < 8 && (await focusedControl(page)).label !== 'button:Run it'; i++) {
        await kb.press('Tab');
        const { label } = await focusedControl(page);
        dialogStops.push(label);
        await expectFocused(page, label, { visible: `focus on ${label} is visible` });
        assert.ok(await inDialog(), `Tab left the dialog: ${dialogStops.join(' | ')}`);
      }
      await expectFocused(page, 'button:Run it', { message: `dialog stops: ${dialogStops.join(' | ')}` });
      await kb.press('Enter');

      await checkRow(page, KDS).and(page.locator('[data-status="pass"]')).waitFor({ timeout: 60_000 });
      await expectText(page.getByTestId('fix-applied'), /^Fix applied: Added KDS root key \S+/);
      // The fix re-ran only the checks it affects; they replaced their old results, the rest stayed.
      // (In the live output, which the collapsed PowerShell panel keeps in the page.)
      await page
        .locator('[data-run-operation="checks.fix"][data-run-status="succeeded"]')
        .waitFor({ state: 'attached' });
      const report = await runChecks(labs.fresh);
      await expectCount(page.locator('[data-check-id]'), report.results.length);
      const after = byId(report, KDS);
      assert.equal(after.status, 'pass');
      await expectFound(page, after);
      // The keyboard stays on the check (its fix is gone now that it passes), visibly.
      await eventually(
        () => focusedControl(page),
        (where) => assert.ok(where.label !== 'body' && where.visible, `focus after the fix: ${where.label}`),
      );
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  it('back-dated KDS key: disabled until acknowledged; while it runs every other fix is disabled; then KDS passes', async () => {
    const lab = await startWizard(labs.rendererDir, 'fresh-domain');
    const { page, problems, close } = await openWizard(labs.browser, lab.host.url);
    try {
      await waitForHealthReport(page);
      const kds = byId(await runChecks(lab), KDS);
      const actions = kds.fix?.actions ?? [];
      const backdated = actions.find((a) => a.id === 'kds-create-backdated');
      assert.ok(
        backdated !== undefined && backdated.acknowledgement !== null,
        'back-dating asks for an acknowledgement',
      );
      await toggle(page, KDS).click();

      const button = fixButton(page, backdated.label);
      await expectAttribute(button, 'aria-disabled', 'true');
      await button.click({ force: true });
      // Nothing starts, now or a little later.
      await holds(
        async () => ({
          fixes: await page.locator('[data-run-operation="checks.fix"]').count(),
          status: await checkRow(page, KDS).getAttribute('data-status'),
        }),
        ({ fixes, status }) => {
          assert.equal(fixes, 0, 'a disabled fix does nothing');
          assert.equal(status, 'fail');
        },
      );

      const acknowledge = checkRow(page, KDS).getByRole('checkbox', { name: backdated.acknowledgement });
      await acknowledge.focus();
      await page.keyboard.press('Space');
      await eventually(
        () => acknowledge.isChecked(),
        (checked) => assert.equal(checked, true),
      );
      await expectAttribute(button, 'aria-disabled', null);

      // Click it and look in the same page task: it shows progress, and the other fixes are disabled.
      const seen = await clickFixAndLook(page, KDS, backdated.label);
      assert.deepEqual(seen, {
        spinner: true,
        label: `${backdated.label}…`,
        others: actions.filter((a) => a.id !== backdated.id).map(() => 'true'),
      });

      await checkRow(page, KDS).and(page.locator('[data-status="pass"]')).waitFor({ timeout: 60_000 });
      await expectText(page.getByTestId('fix-applied'), /^Fix applied: Added KDS root key/);
      assert.equal(byId(await runChecks(lab), KDS).status, 'pass');
      assert.deepEqual(problems, []);
    } finally {
      await close();
      await lab.close();
    }
  });

  it('kds-key-pending: a live countdown to readyAt; at zero, a prompt to re-run; after 10 lab hours the key passes', async () => {
    const lab = await startWizard(labs.rendererDir, 'kds-key-pending');
    const { page, problems, close } = await openWizard(labs.browser, lab.host.url, {}, true, async (p) => {
      await p.clock.install();
    });
    try {
      await waitForHealthReport(page);
      const kds = byId(await runChecks(lab), KDS);
      assert.notEqual(kds.status, 'pass');
      assert.ok(kds.readyAt !== null, 'a pending key has readyAt');
      const readyAt = kds.readyAt;
      const countdown = checkRow(page, KDS).getByTestId('ready-countdown');
      // readyAt is the wizard's clock plus the DC's wait, each read at a slightly different moment: the page's check
      // run and this one agree to within the probes' latency (seconds on a busy machine), which may cross a minute.
      const clocks = await page.evaluate(
        (iso) =>
          [-60_000, 0, 60_000].map((shift) =>
            new Date(new Date(iso).getTime() + shift).toLocaleTimeString('en-US', {
              hour: 'numeric',
              minute: '2-digit',
            }),
          ),
        readyAt,
      );
      await eventually(textOf(countdown), (first) => {
        assert.match(first, /^Usable in (8 h \d+ min|9 h 0 min) \((today|tomorrow) .+\)$/);
        assert.ok(
          clocks.some((clock) => first.includes(` ${clock})`)), // after today or tomorrow
          `${first} names one of ${clocks.join(', ')}`,
        );
      });
      await saveScreenScreenshot(page, 'health-kds-key-pending-light');

      // It counts down as time passes (the page's clock, fast-forwarded).
      await page.clock.fastForward('08:30:00');
      await expectText(countdown, /^Usable in \d+ min \d+ s \(.+\)$/);

      // Due: the countdown gives way to a prompt to run the check again.
      await page.clock.fastForward('01:00:00');
      const prompt = checkRow(page, KDS).getByRole('status').filter({ hasText: 'run the check again to confirm' });
      await prompt.waitFor();
      await expectCount(countdown, 0);
      await saveScreenScreenshot(page, 'health-kds-key-pending-due-light');

      // The lab's clock moves on 10 hours too; "Re-run this check" runs only that check, and now it passes.
      const session = labSession(lab.labDir);
      try {
        await session.run(trusted("Set-LabClock -Advance '10:00:00' | Out-Null"));
      } finally {
        session.dispose();
      }
      const runs = page.locator('[data-run-operation="checks.run"]');
      const before = await runs.count();
      await prompt.getByRole('button', { name: /^Re-run this check/ }).click();
      await checkRow(page, KDS).and(page.locator('[data-status="pass"]')).waitFor({ timeout: 60_000 });
      await runs.nth(before).and(page.locator('[data-run-status="succeeded"]')).waitFor({ state: 'attached' });
      await expectCount(runs, before + 1);
      assert.deepEqual(problems, []);
    } finally {
      await close();
      await lab.close();
    }
  });
});
