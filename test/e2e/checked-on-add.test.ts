// Nothing lost on the way (issue 16): what the admin types is checked when it is added, not when the run fails.
// On the healthy lab, in a real browser: a computer the domain does not have is refused by Add with the reason and
// the way out (nothing joins the list), one it has is added; the scheduled task's script path is tested on its
// computer (host.testPath) before the task joins the plan: a missing file refuses Add on the path field, an existing
// one is added; a workload's computer is checked the same way, and a new service's program (without its arguments).
// Nothing has run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { labState } from '../helpers/lab.js';
import {
  eventually,
  expectCount,
  expectText,
  fileTimeLimit,
  noViolations,
  openWizard,
  saveScreenScreenshot,
  stepButton,
  useBrowserAndWizards,
  waitForHealthReport,
} from './helpers.js';

describe('checked on Add (e2e, Chromium, lab host)', { timeout: fileTimeLimit(60) }, () => {
  const labs = useBrowserAndWizards({ healthy: 'healthy' });

  it('refuses a computer that does not exist and a task script that is not there; adds what is', async () => {
    const { page, problems, close } = await openWizard(labs.browser, labs.healthy.host.url, { colorScheme: 'light' });
    const computers = () =>
      page.locator('[data-computer]').evaluateAll((els) => els.map((e) => e.getAttribute('data-computer')));
    try {
      await waitForHealthReport(page);
      await stepButton(page, 'Account').click();
      const next = page.getByRole('button', { name: 'Next', exact: true });
      await page.getByRole('heading', { name: 'Part 1 of 5: Account type' }).waitFor();
      await next.click();
      await page.locator('#plan-name').fill('svc-check');
      // The computer that runs the service, typed: WEB9 is refused on its field once looked up, and Next stays.
      const target = page.locator('#plan-targetComputer');
      await target.fill('WEB9');
      await expectText(
        page.locator('[data-field="targetComputer"]'),
        /No computer named WEB9 in contoso\.com\. Check the name \(its NetBIOS name\) or pick it from the list\./,
      );
      await next.click();
      await page.getByRole('heading', { name: 'Part 2 of 5: Name and options' }).waitFor();
      await target.fill('WEB01');
      await expectCount(page.getByText(/^No computer named/), 0);
      await next.click();
      await page.getByRole('heading', { name: 'Part 3 of 5: KDS root key' }).waitFor();
      await next.click();
      await page.getByRole('heading', { name: 'Part 4 of 5: Who may retrieve the password' }).waitFor();
      await eventually(computers, (list) => assert.deepEqual(list, ['WEB01']));

      // WEB9 is not in contoso.com: refused on Add, with the reason and the way out; the list is as it was.
      const typed = page.locator('#plan-computer-typed');
      await typed.fill('WEB9');
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page
        .getByText(
          'No computer named WEB9 in contoso.com. Check the name (its NetBIOS name) or pick it from the list.',
          { exact: true },
        )
        .waitFor();
      await eventually(computers, (list) => assert.deepEqual(list, ['WEB01'], 'nothing added'));
      assert.equal(await typed.inputValue(), 'WEB9', 'the typed name stays, to correct it');
      await noViolations(page, 'a computer refused on Add');
      await saveScreenScreenshot(page, 'checked-on-add-1-computer');

      // APP01 is: typed in lower case, it is added as the directory names it.
      await typed.fill('app01');
      await typed.press('Enter');
      await eventually(computers, (list) => assert.deepEqual(list, ['WEB01', 'APP01']));
      await expectCount(page.getByText(/^No computer named/), 0);

      // The scheduled task: a script path that does not exist on WEB01 refuses Add, on the path field.
      await stepButton(page, 'Use the account').click();
      await page.getByRole('button', { name: 'Add a scheduled task' }).click();
      await page.locator('#task-name').fill('Nightly Report');
      await page.locator('#task-path').fill('C:\\Scripts\\Missing.ps1');
      const add = page.getByRole('button', { name: 'Add the task to the plan' });
      await add.click();
      await expectText(
        page.locator('[data-field="path"]'),
        /C:\\Scripts\\Missing\.ps1 does not exist on WEB01 \(Test-Path: False\): copy the script there or correct the path\./,
      );
      await expectCount(page.getByRole('button', { name: 'Update the task' }), 0, 'the task was not added');
      await noViolations(page, 'a task script refused on Add');
      await saveScreenScreenshot(page, 'checked-on-add-2-task-path');

      // The script that is there: added (the button now updates it), its problem gone.
      await page.locator('#task-path').fill('C:\\Scripts\\Nightly-Report.ps1');
      await add.click();
      await page.getByRole('button', { name: 'Update the task' }).waitFor();
      await expectCount(page.locator('[data-field="path"]').getByText(/does not exist/), 0);
      // A workload on another computer: WEB9 refused on its Computer field, nothing added to the plan.
      await page.getByRole('button', { name: 'Add a Windows service' }).click();
      await page.locator('#service-host').fill('WEB9');
      await page.locator('#service-name').fill('ReportSvc');
      await page.locator('#service-add').click();
      await expectText(
        page.locator('[data-field="host"]'),
        /No computer named WEB9 in contoso\.com\. Check the name \(its NetBIOS name\) or pick it from the list\./,
      );
      await expectText(page.locator('#service-add'), 'Add to the plan'); // not "Update": it was not added

      // A new service's program is checked on its computer too (its arguments left out): a missing .exe refuses Add on
      // the program field; one that is there (powershell.exe on WEB01) is added.
      await page.locator('#service-host').fill('WEB01');
      await page.getByRole('radio', { name: 'Create a service' }).check();
      const program = page.locator('#service-binaryPath');
      await program.fill('"C:\\Apps\\Report Service\\ReportSvc.exe" --port 8080');
      await page.locator('#service-add').click();
      await expectText(
        page.locator('[data-field="binaryPath"]'),
        /C:\\Apps\\Report Service\\ReportSvc\.exe does not exist on WEB01 \(Test-Path: False\): install the program there or correct the path\./,
      );
      await expectText(page.locator('#service-add'), 'Add to the plan');
      await noViolations(page, 'a service program refused on Add');
      await program.fill(
        'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe -File C:\\Scripts\\Report.ps1',
      );
      await page.locator('#service-add').click();
      await expectText(page.locator('#service-add'), 'Update');
      await expectCount(page.locator('[data-field="binaryPath"]').getByText(/does not exist/), 0);
      assert.ok(
        !JSON.stringify(labState(labs.healthy.labDir)).includes('svc-check'),
        'adding checks only: nothing was created',
      );
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});
