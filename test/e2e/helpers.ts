// End-to-end helpers: the real renderer build, served by the real loopback lab host on a fresh lab, in Debian's
// Chromium driven by playwright-core. One browser per test file, a new context (fresh storage) per test.
import { AxeBuilder } from '@axe-core/playwright';
import assert, { AssertionError } from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { build } from 'vite';
import { apiResultSchema, type ApiMethod } from '../../electron/common/api/contract.js';
import { startLabHost, type LabHost } from '../../electron/labhost/server.js';
import { newLab } from '../helpers/lab.js';

// Page-side code (the page.evaluate callbacks below) runs in Chromium, but the root tsconfig is Node-only, without
// the DOM lib, on purpose. These module-local declarations type exactly what those callbacks touch, and leak nowhere.
// Tests do their page-side work through the functions in this file.
interface PageElement {
  readonly tagName: string;
  readonly textContent: string | null;
  readonly lastChild: { readonly textContent: string | null } | null;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): PageElement | null;
  insertAdjacentHTML(position: 'beforeend', html: string): void;
  click(): void;
}
declare const document: {
  readonly activeElement: PageElement | null;
  readonly body: PageElement;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): { readonly length: number; [index: number]: PageElement | undefined };
  getAnimations(): { readonly constructor: { readonly name: string } }[];
};
declare const navigator: { readonly clipboard: { readText(): Promise<string> } };
declare function getComputedStyle(el: PageElement): {
  outlineStyle: string;
  outlineWidth: string;
  backgroundColor: string;
};
declare function requestAnimationFrame(callback: () => void): number;

export const ARTIFACTS_DIR = path.join('test', 'artifacts');

/**
 * A test file's time limit (its describe block's timeout), from the seconds the file takes run alone
 * (`MSA_TEST_CONCURRENCY=1 npm run test:only -- e2e/<file>`) on a 2-core machine: six times that. npm test runs three
 * files at once, so a file can get a third of the machine (three times as long), and a machine running other work can
 * halve that again. The limit is there to end a hung file, never a slow one (npm run test:stress holds it to that).
 */
export function fileTimeLimit(aloneSeconds: number): number {
  return aloneSeconds * 6 * 1000;
}
export const STEP_TITLES = ['Prerequisites', 'Account', 'Install & test', 'Use the account', 'Summary'] as const;
/**
 * The Tab stops between the last step and the Prerequisites screen's first button (focusedControl labels): the nav's
 * start screens, apart from the numbered steps, and the screen's own link to Find what runs as users.
 */
export const PREREQUISITES_LEAD_STOPS = [
  'button:Find what runs as users',
  'button:Audit managed accounts',
  'button:Find what runs as user accounts',
] as const;
/** The same on `fresh-domain`: the verdict at the top links to the failing KDS check first. */
export const PREREQUISITES_LEAD_STOPS_FRESH = [
  'button:Find what runs as users',
  'button:Audit managed accounts',
  'button:Go to KDS root key',
  'button:Find what runs as user accounts',
] as const;

const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium. launch() gives every browser a fresh, empty temporary profile (user data dir). */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`the e2e tests drive Debian's Chromium at ${CHROMIUM}: install it with apt-get install chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const full = path.join(dir, entry);
      return statSync(full).isDirectory() ? sourceFiles(full) : [full];
    });
}

/**
 * Builds the renderer with its own vite config into a temporary folder keyed by a hash of its inputs (the renderer
 * folder, the API contract, the plan's and the workload kinds' rules and the lockfile), so every run tests the current code, and test files running in parallel share
 * one build instead of overwriting each other's (or dist/renderer, which `npm run lab` serves).
 */
export async function buildRenderer(): Promise<string> {
  const hash = createHash('sha256');
  const inputs = [
    ...sourceFiles('renderer'),
    path.join('electron', 'common', 'api', 'contract.ts'),
    path.join('electron', 'common', 'plan', 'plan-schema.ts'),
    // The workload kinds' settings and the task's types (the renderer imports them; their folders hold both).
    ...sourceFiles(path.join('electron', 'common', 'workloads')),
    path.join('electron', 'common', 'strict-schema.ts'),
    // The discovery's report types and the old account's checklist (Find what runs as users, Summary).
    ...sourceFiles(path.join('electron', 'common', 'discover')),
    ...(existsSync(path.join('electron', 'common', 'adopt'))
      ? sourceFiles(path.join('electron', 'common', 'adopt'))
      : []),
    path.join('electron', 'common', 'unicode.ts'),
    // The audit's report types (Audit managed accounts).
    path.join('electron', 'common', 'audit', 'types.ts'),
    // The PowerShell panel's fold of #region blocks.
    path.join('electron', 'common', 'powershell', 'regions.ts'),
    'package-lock.json',
  ];
  for (const file of inputs) {
    hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  }
  const prefix = 'msa-wizard-e2e-renderer-';
  const outDir = path.join(tmpdir(), prefix + hash.digest('hex').slice(0, 16));
  if (existsSync(path.join(outDir, 'index.html'))) return outDir;
  const staging = mkdtempSync(path.join(tmpdir(), 'msa-wizard-e2e-staging-'));
  await build({
    configFile: path.join('renderer', 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir: staging, emptyOutDir: true, sourcemap: false },
  });
  try {
    renameSync(staging, outDir);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // a parallel file built the same sources first
  }
  for (const old of readdirSync(tmpdir()).filter((d) => d.startsWith(prefix) && path.join(tmpdir(), d) !== outDir)) {
    rmSync(path.join(tmpdir(), old), { recursive: true, force: true });
  }
  return outDir;
}

export interface Wizard {
  readonly host: LabHost;
  readonly labDir: string;
  close(): Promise<void>;
}

/** A fresh lab from `scenario`, served with the renderer build by the loopback lab host (as `computer`, if given). */
export async function startWizard(rendererDir: string, scenario = 'healthy', computer?: string): Promise<Wizard> {
  const labDir = newLab(scenario);
  const host = await startLabHost({ labDir, rendererDir, ...(computer === undefined ? {} : { computer }) });
  return {
    host,
    labDir,
    async close() {
      await host.close();
      rmSync(labDir, { recursive: true, force: true });
    },
  };
}

/** A lab for useBrowserAndWizards: its scenario, or its scenario and the computer the wizard says it runs on. */
export type LabSpec = string | { readonly scenario: string; readonly computer: string };

/** What useBrowserAndWizards starts: the browser, the renderer build, and one wizard per lab, by the labs' names. */
export type BrowserAndWizards<Name extends string> = { readonly browser: Browser; readonly rendererDir: string } & {
  readonly [N in Name]: Wizard;
};

/**
 * The usual setup of a test file's describe block: one Chromium and a fresh wizard on each lab (e.g.
 * `{ wizard: 'healthy' }`), started together before its tests and closed after them. The fields are filled in by
 * `before`: read them inside the tests, not while the describe block is declared.
 */
export function useBrowserAndWizards<Name extends string>(labs: Record<Name, LabSpec>): BrowserAndWizards<Name> {
  const names = Object.keys(labs) as Name[];
  const started: { browser?: Browser; rendererDir?: string; wizards: Partial<Record<Name, Wizard>> } = { wizards: {} };
  before(async () => {
    const rendererDir = await buildRenderer();
    const start = (lab: LabSpec) =>
      typeof lab === 'string' ? startWizard(rendererDir, lab) : startWizard(rendererDir, lab.scenario, lab.computer);
    const [wizards, browser] = await Promise.all([
      Promise.all(names.map((name) => start(labs[name]))),
      launchChromium(),
    ]);
    Object.assign(started, { browser, rendererDir });
    names.forEach((name, i) => (started.wizards[name] = wizards[i]));
  });
  after(async () => {
    await started.browser?.close();
    await Promise.all(names.map((name) => started.wizards[name]?.close()));
  });
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started yet: read it inside a test`);
    return value;
  };
  const fixture = {
    get browser() {
      return need(started.browser, 'the browser');
    },
    get rendererDir() {
      return need(started.rendererDir, 'the renderer build');
    },
  };
  for (const name of names) {
    Object.defineProperty(fixture, name, { get: () => need(started.wizards[name], `the wizard on lab ${name}`) });
  }
  return fixture as BrowserAndWizards<Name>;
}

/**
 * How long a waiting assertion waits by default. The page changes on its own schedule (React renders, an effect moves
 * the focus, the core answers over the event stream), so it settles in milliseconds on an idle machine; the limit is
 * for a machine running at half speed or worse, and costs nothing while the assertion holds.
 */
export const EVENTUALLY_MS = 20_000;

/**
 * A waiting assertion: reads `read` until `check` (which asserts, e.g. with assert.match) accepts the value, for at
 * most `timeout` ms, and returns that value; after the deadline, check's last AssertionError is thrown (so the failure
 * says what was seen). A value read once may be the one from just before the change the test is waiting for.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => void,
  timeout = EVENTUALLY_MS,
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      // A reader may assert too (an invariant of what it reads): its AssertionError is retried like check's.
      const value = await read();
      check(value);
      return value;
    } catch (error) {
      if (!(error instanceof AssertionError) || Date.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The opposite of eventually, for "nothing more happens" (three clicks make one run): check must accept every value
 * `read` gives for `ms`. A value read once after a sleep would miss a change that comes and goes, or comes later.
 */
export async function holds<T>(read: () => Promise<T>, check: (value: T) => void, ms = 1_000): Promise<void> {
  const end = Date.now() + ms;
  do {
    check(await read());
    await new Promise((resolve) => setTimeout(resolve, 50));
  } while (Date.now() < end);
}

/** A reader for eventually: the locator's text ('' when it has none). */
export function textOf(locator: Locator): () => Promise<string> {
  return async () => (await locator.textContent()) ?? '';
}

/** Waits until the locator's text equals `wanted` (a string) or matches it (a RegExp); returns the text. */
export function expectText(locator: Locator, wanted: string | RegExp, message?: string): Promise<string> {
  return eventually(textOf(locator), (text) =>
    typeof wanted === 'string' ? assert.equal(text, wanted, message) : assert.match(text, wanted, message),
  );
}

/** Waits until the locator's attribute `name` is `wanted` (null: absent). */
export async function expectAttribute(
  locator: Locator,
  name: string,
  wanted: string | null,
  message?: string,
): Promise<void> {
  await eventually(
    () => locator.getAttribute(name),
    (value) => assert.equal(value, wanted, message),
  );
}

/** Waits until the locator matches exactly `wanted` elements. */
export async function expectCount(locator: Locator, wanted: number, message?: string): Promise<void> {
  await eventually(
    () => locator.count(),
    (count) => assert.equal(count, wanted, message),
  );
}

/** Waits until the setup steps show these statuses (stepStatuses). */
export async function expectStepStatuses(page: Page, wanted: Record<string, string>, message?: string): Promise<void> {
  await eventually(
    () => stepStatuses(page),
    (statuses) => assert.deepEqual(statuses, wanted, message),
  );
}

/** The setup steps' statuses as the page shows them (data-status of each row), by step id. */
export async function stepStatuses(page: Page): Promise<Record<string, string>> {
  const rows = await page
    .locator('[data-step-id]')
    .evaluateAll((els) => els.map((e) => [e.getAttribute('data-step-id') ?? '', e.getAttribute('data-status') ?? '']));
  return Object.fromEntries(rows);
}

/** Clicks the Account screen's "Next" (to the next part of the form). */
export function clickNext(page: Page): Promise<void> {
  return page.getByRole('button', { name: 'Next', exact: true }).click();
}

/** Waits for the Account screen's part with this heading, e.g. "Part 2 of 5: Name and options". */
export function waitForPart(page: Page, heading: string): Promise<void> {
  return page.getByRole('heading', { name: heading }).waitFor();
}

/**
 * Keyboard: Next on Account, then the part `heading` shown and its heading focused. Next moves focus to the heading
 * after React has rendered the part, one frame later (a busy machine's frames come late): tabbing on before that lets
 * the focus jump back to the heading under the keys, and a later Enter or typing lands there, lost.
 */
export async function nextPart(page: Page, heading: string): Promise<void> {
  await pressButton(page, 'Next');
  await waitForPart(page, heading);
  await waitForFocus(page, 'plan-part-heading', `Next went to ${heading}: focus on its heading`);
}

/** The PowerShell panel (the region under the screen). */
export function powerShellPanel(page: Page): Locator {
  return page.getByRole('region', { name: 'PowerShell', exact: true });
}

/**
 * Opens the PowerShell panel, which starts collapsed (issue 16), and returns it: waits until the current step has a
 * script to show (the bar says "PowerShell — 2 scripts"), opens it unless it is open, and waits for its body.
 */
export async function showPowerShell(page: Page): Promise<Locator> {
  const panel = powerShellPanel(page);
  const toggle = panel.getByTestId('ps-toggle');
  await expectText(toggle, /^PowerShell — \d+ scripts?$/, 'the PowerShell panel has a script to show');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.locator('#ps-panel-body').waitFor({ state: 'visible' });
  return panel;
}

/** Calls the lab host's API from the test itself (with the token), e.g. to learn what the page must show. */
export async function invokeApi(host: LabHost, method: ApiMethod, input: object = {}): Promise<unknown> {
  const response = await fetch(`${host.origin}/api/invoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-MSA-Token': host.token },
    body: JSON.stringify({ method, input }),
  });
  const result = apiResultSchema.parse(await response.json());
  if (!result.ok) throw new Error(`${method} failed: ${result.error.title} ${result.error.message}`);
  return result.value;
}

export interface OpenedPage {
  readonly page: Page;
  /** Console errors, uncaught exceptions and Content Security Policy violations seen so far. */
  readonly problems: string[];
  close(): Promise<void>;
}

/**
 * A new browser context and page on the wizard; waits until the frame is there and the first probe finished.
 * `prepare` runs on the page before it loads (e.g. to install a fake clock).
 */
export async function openWizard(
  browser: Browser,
  url: string,
  options: BrowserContextOptions = {},
  waitForProbe = true,
  prepare?: (page: Page) => Promise<void>,
): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  // Every click and waitFor without its own limit: twice Playwright's 30 s, for a machine running at half speed.
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // CSP violations the page swallows (e.g. a caught `new Function`) never reach the console: listen for them.
  await context.exposeBinding('__msaCspViolation', (_source, text: string) => problems.push(`CSP violation: ${text}`));
  await context.addInitScript(
    "document.addEventListener('securitypolicyviolation', (e) => window.__msaCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));",
  );
  await prepare?.(page);
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Wizard steps' }).waitFor();
  // The probe waits behind the health check in the one PowerShell session: on a busy machine that can take a while
  // (as long as waitForHealthReport allows the health check).
  if (waitForProbe) await page.getByTestId('environment-facts').waitFor({ timeout: 120_000 });
  return { page, problems, close: () => context.close() };
}

/** The step buttons of the nav, by title. */
export function stepButton(page: Page, title: string) {
  return page.getByRole('navigation', { name: 'Wizard steps' }).getByRole('button', { name: title, exact: true });
}

/** The screen's heading (the main region's h1). */
export function screenHeading(page: Page) {
  return page.getByRole('main').getByRole('heading', { level: 1 });
}

export interface Violation {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: string[];
}

/** The gate: axe's violations of impact serious or critical on the page as it is now. */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
}

/** Saves a full-page screenshot under test/artifacts/, returning its path. The folder ignores itself in git. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  writeFileSync(path.join(ARTIFACTS_DIR, '.gitignore'), '# test screenshots, never committed\n*\n');
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Saves a screenshot of the whole screen, however long: the main region scrolls inside the frame, so for the shot
 * the frame is let grow to its content (a style added and removed again; the panel keeps its height). Returns the
 * file's path.
 */
export async function saveScreenScreenshot(page: Page, name: string): Promise<string> {
  const style = await page.addStyleTag({
    content: '[data-scheme] { height: auto !important; min-height: 100vh; } main { overflow: visible !important; }',
  });
  try {
    return await saveScreenshot(page, name);
  } finally {
    await style.evaluate((el) => el.remove());
  }
}

/** A file-name-safe slug: "Install & test" -> "install-test". */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export interface FocusedControl {
  /** 'button:Check again', 'pre:…', 'div[log]:…': tag, role when set, and the visible name. */
  readonly label: string;
  /** An outline, or Fluent's keyboard-focus marker, is shown. */
  readonly visible: boolean;
}

/** What has the keyboard focus, and whether it shows a focus indicator. */
export function focusedControl(page: Page): Promise<FocusedControl> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (el === null || el === document.body) return { label: 'body', visible: false };
    const role = el.getAttribute('role');
    const name = (el.lastChild?.textContent ?? el.textContent ?? '').trim();
    const style = getComputedStyle(el);
    const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return {
      label: `${el.tagName.toLowerCase()}${role === null ? '' : `[${role}]`}:${name}`,
      visible: outlined || el.hasAttribute('data-fui-focus-visible'),
    };
  });
}

/**
 * Waits until the focused control's label (focusedControl) is `label` (or matches it), and, given `visible` (the
 * message), until it shows a focus indicator too; returns it. Focus moved by the page (an effect, a dialog closing)
 * lands a render later than the key press that caused it.
 */
export function expectFocused(
  page: Page,
  label: string | RegExp,
  options: { message?: string; visible?: string } = {},
): Promise<FocusedControl> {
  return eventually(
    () => focusedControl(page),
    (focus) => {
      if (typeof label === 'string') assert.equal(focus.label, label, options.message);
      else assert.match(focus.label, label, options.message);
      if (options.visible !== undefined) assert.ok(focus.visible, options.visible);
    },
  );
}

/** The clipboard's text (the context needs the clipboard-read permission). */
export function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

/** The computed background colour of the themed root. */
export function themeBackground(page: Page): Promise<string> {
  return page.evaluate(() => {
    const root = document.querySelector('[data-scheme]');
    return root === null ? '' : getComputedStyle(root).backgroundColor;
  });
}

/** Adds two known accessibility violations to the main region: an unnamed button and an image without alt. */
export function injectViolations(page: Page): Promise<void> {
  return page.evaluate(() => {
    document
      .querySelector('main')
      ?.insertAdjacentHTML(
        'beforeend',
        '<button id="injected-unnamed-button"></button><img id="injected-image" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
      );
  });
}

export interface ClickThriceObservation {
  readonly disabled: string | null;
  readonly spinner: boolean;
  readonly status: string;
  /** The new run's status in the live output the first time it appeared ('never' if it did not). */
  readonly firstSight: string;
}

/**
 * Clicks the button `buttonSelector` and, in the same page task (before the core can answer), reads its state and
 * the text of `statusSelector`, and clicks it twice more; then waits for a new run of `operation` to show up in the
 * live output. `runsBefore` = runs of that operation shown so far.
 * (No named functions in the page callbacks here: tsx would wrap them in a helper that does not exist in the page.)
 */
export function clickThrice(
  page: Page,
  target: { buttonSelector: string; statusSelector: string; operation: string },
  runsBefore: number,
): Promise<ClickThriceObservation> {
  return page.evaluate(
    async ({ buttonSelector, statusSelector, operation, count, wait }) => {
      const button = document.querySelector(buttonSelector);
      if (button === null) throw new Error(`no button ${buttonSelector}`);
      button.click();
      await new Promise((resolve) => setTimeout(resolve, 0));
      const disabled = button.getAttribute('aria-disabled');
      const spinner = button.querySelector('[role="progressbar"]') !== null;
      const status = document.querySelector(statusSelector)?.textContent ?? '';
      button.click();
      button.click();
      const selector = `[data-run-operation="${operation}"]`;
      const deadline = Date.now() + wait;
      while (document.querySelectorAll(selector).length === count && Date.now() < deadline) {
        await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
      }
      const firstSight = document.querySelectorAll(selector)[count]?.getAttribute('data-run-status') ?? 'never';
      return { disabled, spinner, status, firstSight };
    },
    { ...target, count: runsBefore, wait: EVENTUALLY_MS },
  );
}

/**
 * Waits until the health check has a report and nothing runs (every check shows its status, none "checking"), and
 * the page is still: no CSS transition in flight (a button fading back from disabled would fool axe's contrast check).
 */
export async function waitForHealthReport(page: Page, timeout = 120_000): Promise<void> {
  await page.locator('[data-check-id]').first().waitFor({ timeout });
  await page.waitForFunction(
    () =>
      document.querySelectorAll('[data-check-id][data-status="checking"]').length === 0 &&
      document.querySelector('[data-testid="health"] #health-heading ~ button[aria-disabled="true"]') === null &&
      document.getAnimations().every((a) => a.constructor.name !== 'CSSTransition'),
    undefined,
    { timeout },
  );
}

export interface FixClickObservation {
  /** The clicked button shows a spinner. */
  readonly spinner: boolean;
  readonly label: string;
  /** aria-disabled of the check's other fix buttons, in order. */
  readonly others: (string | null)[];
}

/**
 * Clicks the fix button labelled `label` of check `checkId` and, in the same page task (before the core can
 * answer), reads how it and the check's other fix buttons look.
 */
export function clickFixAndLook(page: Page, checkId: string, label: string): Promise<FixClickObservation> {
  return page.evaluate(
    async ({ checkId, label }) => {
      const list = document.querySelectorAll(`[data-check-id="${checkId}"] [data-fix] button`);
      const buttons = Array.from({ length: list.length }, (_, i) => list[i]).filter((b) => b !== undefined);
      const target = buttons.find((b) => b.textContent === label);
      if (target === undefined) throw new Error(`no fix button ${label}`);
      target.click();
      await new Promise((resolve) => setTimeout(resolve, 0));
      return {
        spinner: target.querySelector('[role="progressbar"]') !== null,
        label: target.textContent ?? '',
        others: buttons.filter((b) => b !== target).map((b) => b.getAttribute('aria-disabled')),
      };
    },
    { checkId, label },
  );
}

export type CheckAgainObservation = ClickThriceObservation;

/** clickThrice on the environment card's "Check again" (environment.probe). */
export function clickCheckAgainThrice(page: Page, runsBefore: number): Promise<CheckAgainObservation> {
  return clickThrice(
    page,
    {
      buttonSelector: '#environment-heading ~ button',
      statusSelector: '#environment-heading ~ [role="status"]',
      operation: 'environment.probe',
    },
    runsBefore,
  );
}

/** What has the keyboard focus: its tag, id, and name (aria-label, else its label, else its text). */
export interface FocusInfo {
  readonly tag: string;
  readonly id: string;
  readonly name: string;
  /** An outline, or Fluent's keyboard-focus marker, is shown. */
  readonly visible: boolean;
}

export function focusInfo(page: Page): Promise<FocusInfo> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (el === null || el === document.body) return { tag: 'body', id: '', name: '', visible: false };
    const id = el.getAttribute('id') ?? '';
    const label = id === '' ? null : document.querySelector(`label[for="${id}"]`);
    const name = (el.getAttribute('aria-label') ?? label?.textContent ?? el.textContent ?? '').trim();
    const style = getComputedStyle(el);
    const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return {
      tag: el.tagName.toLowerCase(),
      id,
      name,
      visible: outlined || el.hasAttribute('data-fui-focus-visible'),
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches `wanted` (an id or a test), at most `max` times;
 * fails with the path it took. Every stop on the way must show a visible focus indicator.
 */
export async function tabTo(
  page: Page,
  wanted: string | ((focus: FocusInfo) => boolean),
  options: { max?: number; back?: boolean } = {},
): Promise<FocusInfo> {
  const test = typeof wanted === 'string' ? (f: FocusInfo) => f.id === wanted : wanted;
  // The last action's focus moves run in the frame after it (focusById): let them land before the keys go on from
  // the focus, or one may pull the focus away under them. (A second not painted is no reason to hang.)
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        requestAnimationFrame(() => requestAnimationFrame(() => done()));
        setTimeout(done, 1_000);
      }),
  );
  const path: string[] = [];
  for (let i = 0; i < (options.max ?? 60); i++) {
    await page.keyboard.press(options.back === true ? 'Shift+Tab' : 'Tab');
    // The focus has moved when press() returns; its indicator is waited for (Fluent marks keyboard focus on focusin).
    const moved = await focusInfo(page);
    const stop = `${moved.tag}#${moved.id}:${moved.name.slice(0, 40)}`;
    path.push(stop);
    const focus =
      moved.tag === 'body'
        ? moved
        : await eventually(
            () => focusInfo(page),
            (now) => assert.ok(now.visible, `focus is not visible on ${stop}; Tab went: ${path.join(' → ')}`),
          );
    if (test(focus)) return focus;
  }
  throw new Error(
    `never reached ${typeof wanted === 'string' ? wanted : 'the wanted control'}; Tab went: ${path.join(' → ')}`,
  );
}

/** Tabs to the nav's step button `title` (its number is hidden from names) and presses Enter. */
export async function openStepByKeyboard(page: Page, title: string): Promise<void> {
  await tabTo(page, (f) => f.tag === 'button' && f.name.replace(/^\d+/, '') === title);
  await page.keyboard.press('Enter');
  await screenHeading(page).filter({ hasText: title }).waitFor();
}

/**
 * Keyboard only, as an admin sets a gMSA up: the name, a new group holding the computer the wizard runs on, the
 * directory steps, then Install & test run to Test True, and on to Use the account.
 */
export async function createGmsaByKeyboard(page: Page, name: string, group: string): Promise<void> {
  await openStepByKeyboard(page, 'Account');
  await page.getByRole('heading', { name: 'Part 1 of 5: Account type' }).waitFor();
  await nextPart(page, 'Part 2 of 5: Name and options');
  await tabTo(page, 'plan-name');
  await page.keyboard.type(name);
  await nextPart(page, 'Part 3 of 5: KDS root key');
  await nextPart(page, 'Part 4 of 5: Who may retrieve the password');
  await tabTo(page, 'plan-gmsa-group-name');
  await page.keyboard.type(group);
  await nextPart(page, 'Part 5 of 5: Review and create');
  // The steps (and their Run buttons) appear once the core has made their scripts (plan.steps).
  await page.getByRole('button', { name: 'Run all directory steps' }).waitFor();
  await pressButton(page, 'Run all directory steps');
  await page.getByTestId('directory-done').waitFor({ timeout: 60_000 });
  await waitForFocus(page, 'continue-install');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Run all host steps' }).waitFor();
  await pressButton(page, 'Run all host steps');
  await page.locator('[data-testid="test-result"][data-result="true"]').waitFor({ timeout: 60_000 });
  await waitForFocus(page, 'continue-task');
  await page.keyboard.press('Enter');
}

/** Keyboard only, from Prerequisites (the focus above its link): the link to Find what runs as users; WEB01 and APP01
 *  listed; Find (the search then runs: wait for its status). */
export async function discoverByKeyboard(page: Page): Promise<void> {
  await tabTo(page, (f) => f.tag === 'button' && f.name === 'Find what runs as user accounts');
  await page.keyboard.press('Enter');
  await expectText(screenHeading(page), 'Find what runs as users');
  // The screen loads lazily: its fallback has the same heading and nothing to Tab to (a busy machine took seconds).
  await page.locator('#discover-find').waitFor();
  // The radio group is one Tab stop (the checked radio); arrows choose.
  await tabTo(page, (f) => f.tag === 'input' && f.name.startsWith('This computer'));
  await page.keyboard.press('ArrowDown');
  await page.locator('#discover-computers').waitFor();
  await tabTo(page, 'discover-computers');
  await page.keyboard.type('WEB01, APP01');
  await tabTo(page, 'discover-find');
  await page.keyboard.press('Enter');
}

/** Tabs to the button with this accessible name (exactly) and presses Enter. */
export async function pressButton(page: Page, name: string, options: { max?: number; back?: boolean } = {}) {
  await tabTo(page, (f) => (f.tag === 'button' || f.tag === 'a') && f.name === name, options);
  await page.keyboard.press('Enter');
}

/** Waits until the element with this id has the keyboard focus; fails naming what has it instead. */
export async function waitForFocus(page: Page, id: string, message?: string): Promise<void> {
  await eventually(
    () => focusInfo(page),
    (focus) => assert.equal(focus.id, id, message ?? `focus on #${id}, not on ${focus.tag}:${focus.name}`),
  );
}

/**
 * After a modal dialog: the page is back in the accessibility tree (#root no longer aria-hidden) within `timeout`.
 * A dialog unmounted while open leaves it hidden for good (fluentui#35139); AskFirstDialog closes first.
 */
export async function waitForPageVisible(page: Page, timeout = EVENTUALLY_MS): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('#root[aria-hidden="true"], #root[inert]') === null,
    undefined,
    { timeout },
  );
}

/**
 * Waits until nothing is busy (aria-busy) and no CSS transition is in flight: a colour fading after a theme switch, or
 * a button fading from disabled when a probe ends, would fool axe's contrast check.
 */
export async function waitForStill(page: Page, timeout = EVENTUALLY_MS): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('[aria-busy="true"]') === null &&
      document.getAnimations().every((a) => a.constructor.name !== 'CSSTransition'),
    undefined,
    { timeout },
  );
}

/** axe's serious or critical violations once the page is still (no hover, no transition in flight). */
export async function violationsWhenStill(page: Page): Promise<Violation[]> {
  await page.mouse.move(0, 0);
  await waitForStill(page);
  return seriousViolations(page);
}

/** Asserts that axe finds nothing serious or critical on the page as it is now (`where` names the state). */
export async function noViolations(page: Page, where: string): Promise<void> {
  const found = await violationsWhenStill(page);
  if (found.length > 0) throw new Error(`axe on ${where}: ${JSON.stringify(found, null, 2)}`);
}

/**
 * A moment as the shared formatter (renderer/src/format/when.ts) shows it, in a regular expression: "today 12:24 AM",
 * "yesterday …", "tomorrow …", or the full date ("Thu 26 Nov 2026 12:24 AM").
 */
export const CLOCK_PATTERN = String.raw`(?:today|yesterday|tomorrow|\w{3} \d{1,2} \w{3} \d{4}) \d{1,2}:\d{2} [AP]M`;
