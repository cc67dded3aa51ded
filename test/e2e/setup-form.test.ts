// The setup form rejects bad input where it is typed, with the plan's own words, before anything is sent: account
// names (16 characters, spaces, quotes), a name already held in the lab's AD (the user helpdesk), SPNs and OU paths
// that are not what they claim, an SPN another object holds (forest-wide), hostile text in the SPN, group name and OU
// fields; a broad principal as the group gets the loud warning. An existing group with other settings is a conflict,
// reported and left alone. Hostile text in the description is accepted, and stored in the lab's AD exactly as typed.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { STATE_FILE, type LabState } from '../../electron/lab/state.js';
import { labState, labStateText } from '../helpers/lab.js';
import {
  clickNext,
  eventually,
  expectAttribute,
  expectCount,
  expectText,
  fileTimeLimit,
  openWizard,
  saveScreenScreenshot,
  stepButton,
  useBrowserAndWizards,
  violationsWhenStill,
  waitForFocus,
  waitForHealthReport,
  waitForPart,
} from './helpers.js';

/** Quotes of every kind, a subexpression, a backtick escape, a comment, a statement separator, markup, an emoji. */
const HOSTILE_DESCRIPTION = `It's "x" ‘y’ “z” $(Remove-ADUser -Identity Administrator) \`n; # <script>alert(1)</script> @{a=1} 🔑`;

/** The validation message under a field (Fluent's Field), and whether its input is marked invalid. */
async function fieldError(page: Page, field: string): Promise<{ message: string; invalid: boolean }> {
  const box = page.locator(`[data-field="${field}"]`);
  const input = box.locator('input, textarea').first();
  const message = (await box.locator('[role="alert"]').allTextContents()).join(' ');
  return { message, invalid: (await input.getAttribute('aria-invalid')) === 'true' };
}

async function expectError(page: Page, field: string, value: string, wanted: RegExp): Promise<void> {
  await page.locator(`[data-field="${field}"] :is(input, textarea)`).fill(value);
  await eventually(
    () => fieldError(page, field),
    (shown) => {
      assert.match(shown.message, wanted, `${field} = ${JSON.stringify(value)}`);
      assert.equal(shown.invalid, true, `${field} is marked invalid for ${JSON.stringify(value)}`);
    },
  );
}

async function expectFine(page: Page, field: string, value: string): Promise<void> {
  await page.locator(`[data-field="${field}"] :is(input, textarea)`).fill(value);
  await page.locator(`[data-field="${field}"] [role="alert"]`).waitFor({ state: 'detached' });
}

describe('setup form validation (e2e, Chromium, healthy lab)', { timeout: fileTimeLimit(20) }, () => {
  const labs = useBrowserAndWizards({ wizard: 'healthy' });
  before(() => {
    // APP01 holds an SPN, so the form's forest-wide duplicate check has something to find.
    const file = path.join(labs.wizard.labDir, STATE_FILE);
    const state = JSON.parse(readFileSync(file, 'utf8')) as LabState;
    const app01 = state.objects.find((o) => o.name === 'APP01' && o.objectClass === 'computer');
    assert.ok(app01 !== undefined);
    app01.servicePrincipalNames = ['HTTP/app01.contoso.com'];
    writeFileSync(file, JSON.stringify(state, null, 2));
  });

  it('rejects bad names, SPNs, OU paths, group and computer names where typed; warns on broad groups; stores a hostile description byte-identical', async () => {
    const { page, problems, close } = await openWizard(labs.browser, labs.wizard.host.url, { colorScheme: 'light' });
    try {
      await waitForHealthReport(page);
      await stepButton(page, 'Account').click();
      await waitForPart(page, 'Part 1 of 5: Account type');
      await clickNext(page);
      await waitForPart(page, 'Part 2 of 5: Name and options');

      // Names: the sAMAccountName limit, spaces, quotes of every kind; then one the directory already has.
      await expectError(page, 'name', 'svc-web-frontend', /Use at most 15 characters: the sAMAccountName limit/);
      for (const bad of ['svc web', "svc'web", 'svc"web', 'svc‘web', 'svc$(x)']) {
        await expectError(page, 'name', bad, /Use only letters, digits and hyphens in the account name/);
      }
      await expectError(
        page,
        'name',
        'helpdesk',
        /helpdesk\$ is already used by the user CN=helpdesk,CN=Users,DC=contoso,DC=com: choose another name\./,
      );
      // Next does not leave the part while the name is taken: focus goes to it.
      await clickNext(page);
      await waitForPart(page, 'Part 2 of 5: Name and options');
      await waitForFocus(page, 'plan-name');
      await expectFine(page, 'name', 'svc-web');
      await page.getByText('svc-web$ is free (looked up in the whole forest).').waitFor();

      // SPNs: the format, and hostile text (which is the same thing: not service/host[:port]).
      await expectError(
        page,
        'spns',
        'HTTP web01.contoso.com',
        /Write each SPN as service\/host or service\/host:port/,
      );
      await expectError(page, 'spns', "HTTP/web01';Remove-ADUser x", /Write each SPN as service\/host/);
      await expectError(page, 'spns', 'HTTP/web01.contoso.com:70000', /The SPN port must be between 1 and 65535/);
      await expectError(page, 'spns', 'HTTP/web01\nhttp/WEB01', /Remove the duplicate SPN http\/web01/);
      await expectError(
        page,
        'spns',
        'HTTP/web01.contoso.com\nhttp/APP01.contoso.com',
        /http\/APP01\.contoso\.com is already held by CN=APP01,OU=Servers,DC=contoso,DC=com: a duplicate SPN breaks Kerberos/,
      );
      await expectFine(page, 'spns', 'HTTP/web01.contoso.com');

      // OU paths: a bare name, and hostile text.
      await expectError(
        page,
        'ouPath',
        'Servers',
        /Write the path as a distinguished name such as OU=Service Accounts/,
      );
      await expectError(page, 'ouPath', 'OU=x";$(whoami),DC=contoso,DC=com', /Write the path as a distinguished name/);
      await expectError(page, 'ouPath', 'OU=Servers ,DC=contoso,DC=com', /Remove the spaces around the commas/);
      // Or picked from the directory (directory.search, kind ou).
      await expectFine(page, 'ouPath', '');
      await page.getByRole('textbox', { name: 'Find an OU' }).fill('Serv');
      await page.getByRole('textbox', { name: 'Find an OU' }).press('Enter');
      await page.getByRole('button', { name: 'Use Servers (OU=Servers,DC=contoso,DC=com)' }).click();
      await eventually(
        () => page.locator('#plan-ouPath').inputValue(),
        (value) => assert.equal(value, 'OU=Servers,DC=contoso,DC=com'),
      );
      await expectError(page, 'passwordIntervalDays', '0', /The password interval is at least 1 day/);
      await expectFine(page, 'passwordIntervalDays', '30');
      await saveScreenScreenshot(page, 'setup-form-1-options');
      await clickNext(page);
      await waitForPart(page, 'Part 3 of 5: KDS root key');
      await clickNext(page);
      await waitForPart(page, 'Part 4 of 5: Who may retrieve the password');

      // Group names: hostile text is refused; a broad principal is allowed but warned about, loudly.
      await expectError(page, 'gmsa.group.name', "x'; Remove-ADGroup y", /Use only letters, digits, spaces, dots/);
      await expectError(page, 'gmsa.group.name', 'web hosts.', /cannot end with a space or a dot/);
      await expectError(page, 'gmsa.group.path', 'CN=Users;DC=contoso', /Write the path as a distinguished name/);
      await expectFine(page, 'gmsa.group.path', '');
      await expectFine(page, 'gmsa.group.name', 'Domain Computers');
      const warning = page.getByTestId('broad-principal-warning');
      await expectText(warning, /Anyone in Domain Computers can read the password/);
      assert.deepEqual(await violationsWhenStill(page), [], 'axe with errors and the warning shown');
      await saveScreenScreenshot(page, 'setup-form-2-broad-group');
      await expectFine(page, 'gmsa.group.name', 'gMSA-Web-Hosts');
      await warning.waitFor({ state: 'detached' });

      // An existing group and more computers, found in the directory.
      await page.getByLabel('Use an existing group').check();
      await page.getByRole('textbox', { name: 'Find groups' }).fill('Domain C');
      await page.getByRole('button', { name: 'Search: Find groups' }).click();
      await page.getByRole('button', { name: /^Use Domain Computers \(/ }).click();
      await eventually(
        () => page.locator('#plan-gmsa-group-name').inputValue(),
        (value) => assert.equal(value, 'Domain Computers'),
      );
      await warning.waitFor();
      await page.getByLabel('Create a new security group').check();
      await expectFine(page, 'gmsa.group.name', 'gMSA-Web-Hosts');
      await page.getByRole('textbox', { name: 'Find computers' }).fill('APP');
      await page.getByRole('textbox', { name: 'Find computers' }).press('Enter');
      await page.getByRole('button', { name: /^Add APP01 \(/ }).click();
      await eventually(
        () => page.locator('[data-computer]').evaluateAll((els) => els.map((e) => e.getAttribute('data-computer'))),
        (computers) => assert.deepEqual(computers, ['WEB01', 'APP01']),
      );

      // A computer typed as an FQDN is refused; removing the target computer is refused by the plan's rules.
      await page.locator('#plan-computer-typed').fill('web02.corp');
      await page.locator('#plan-computer-typed').press('Enter');
      await page.getByText('Enter the computer name only').waitFor();
      await page.getByRole('button', { name: 'Remove WEB01' }).click();
      await page.getByText('Add the target computer WEB01 to the computers allowed').waitFor();
      await waitForFocus(page, 'plan-computer-typed', 'focus stays in the list after Remove');

      // A group that exists with other settings: the run reports a conflict, changes nothing, and the plan can be
      // changed again (nothing was created, so nothing is left behind).
      await page.locator('#plan-computer-typed').fill('WEB01');
      await page.locator('#plan-computer-typed').press('Enter');
      // Add looks the name up in the directory first: the computer joins the list once the domain has answered.
      await page.locator('[data-computer="WEB01"]').waitFor();
      await expectFine(page, 'gmsa.group.name', 'Domain Admins');
      await page.getByLabel('Universal (computers of several domains in the forest)').check();
      const before = labStateText(labs.wizard.labDir);
      await clickNext(page);
      await waitForPart(page, 'Part 5 of 5: Review and create');
      await page.getByRole('button', { name: 'Run all directory steps' }).click();
      const group = page.locator('[data-step-id="group"]');
      await page.locator('[data-step-id="group"][data-status="conflict"]').waitFor({ timeout: 60_000 });
      await expectText(
        group,
        /Conflict.*A group named Domain Admins already exists .* its scope is Global, not Universal\. It was left unchanged/,
      );
      await expectCount(group.getByRole('button', { name: 'Run again: Group allowed to retrieve the password' }), 1);
      assert.equal(labStateText(labs.wizard.labDir), before, 'the conflict changed nothing');
      assert.deepEqual(await violationsWhenStill(page), [], 'axe with a conflict');
      await saveScreenScreenshot(page, 'setup-form-3-conflict');
      await page.getByRole('button', { name: 'Change the plan' }).click();
      await waitForPart(page, 'Part 2 of 5: Name and options');
      await expectAttribute(page.locator('#plan-name'), 'readonly', null, 'editable again');

      // Now an sMSA with a hostile description: accepted, created, and stored exactly as typed.
      await page.getByRole('button', { name: 'Back' }).click();
      await waitForPart(page, 'Part 1 of 5: Account type');
      await page.getByLabel('Standalone managed service account (sMSA)').check();
      await clickNext(page);
      await waitForPart(page, 'Part 2 of 3: Name and options');
      await expectFine(page, 'name', 'svc-hostile');
      await expectFine(page, 'description', HOSTILE_DESCRIPTION);
      await expectFine(page, 'spns', '');
      await expectFine(page, 'ouPath', '');
      await clickNext(page);
      await waitForPart(page, 'Part 3 of 3: Review and create');
      await page.getByRole('button', { name: 'Run all directory steps' }).click();
      await page.getByTestId('directory-done').waitFor({ timeout: 60_000 });
      const state = labState(labs.wizard.labDir);
      const account = state.objects.find((o) => o.samAccountName === 'svc-hostile$');
      assert.equal(account?.description, HOSTILE_DESCRIPTION);
      assert.equal(
        state.objects.some((o) => o.name === 'Administrator'),
        true,
        'the description ran nothing',
      );
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});
