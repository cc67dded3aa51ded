// The classic manual procedure for a gMSA that runs a scheduled task, as Microsoft's docs and admin guides describe
// it, typed by hand into the lab console (`msa-wizard lab exec`), once for each way of creating the KDS root key.
// This is the transcript an admin rehearsing in practice mode would see. The three runs (each its own lab) go at once:
// each command is a new process (node + pwsh), so they mostly wait.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';

function labExec(
  dir: string,
  code: string,
  ...flags: string[]
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/msa-wizard.js', 'lab', 'exec', '--lab-dir', dir, ...flags, '--', code],
      { encoding: 'utf8', timeout: 120_000 },
      (error, stdout, stderr) => {
        const exit = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code: exit, out: stdout.trim(), err: stderr.trim() });
      },
    );
  });
}

/** Runs one step and insists it worked; returns its output. */
async function step(dir: string, code: string, ...flags: string[]): Promise<string> {
  const r = await labExec(dir, code, ...flags);
  assert.equal(r.code, 0, `${code}\n-> exit ${r.code}\n${r.out}\n${r.err}`);
  return r.out;
}

const KDS_MODES = {
  'production default (effective after 10 hours)': 'Add-KdsRootKey',
  'effective immediately on this DC': 'Add-KdsRootKey -EffectiveImmediately',
  'back-dated, isolated test labs only': 'Add-KdsRootKey -EffectiveTime ((Get-Date).AddHours(-10))',
} as const;

describe('the classic gMSA + scheduled task procedure, by hand in the lab console', { concurrency: true }, () => {
  for (const [mode, addKey] of Object.entries(KDS_MODES)) {
    // The key's mode matters up to the account working on the host; the batch right and the task after it are the
    // same whatever the key, so they run once (with the production default, the longest way round).
    const full = addKey === 'Add-KdsRootKey';
    const what = full ? 'works end to end' : 'reaches Test-ADServiceAccount True';
    it(`${what} with a KDS root key created ${mode}`, async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'msa-classic-'));
      // 1. The KDS root key.
      const keyId = await step(dir, addKey, '--scenario', 'fresh-domain');
      assert.match(keyId, /[0-9a-f]{8}-[0-9a-f]{4}-/i);
      await step(dir, `Test-KdsRootKey -KeyId '${keyId.split(/\s+/).pop()}'`);

      // 2. The group of computers allowed to retrieve the password, with the host in it.
      await step(
        dir,
        `New-ADGroup -Name 'gMSA-Report-Hosts' -GroupScope Global -GroupCategory Security -Path 'OU=Service Groups,DC=contoso,DC=com'
         Add-ADGroupMember -Identity 'gMSA-Report-Hosts' -Members 'WEB01$'`,
      );

      // 3. The gMSA. With the production default the key is not usable for 10 hours: the cmdlet says so.
      const create = `New-ADServiceAccount -Name 'svc-report' -DNSHostName 'svc-report.contoso.com' -PrincipalsAllowedToRetrieveManagedPassword 'gMSA-Report-Hosts' -KerberosEncryptionType AES128,AES256`;
      if (addKey === 'Add-KdsRootKey') {
        const early = await labExec(dir, create);
        assert.equal(early.code, 1);
        assert.match(early.err, /Key does not exist/);
        await step(dir, 'Set-LabClock -Advance (New-TimeSpan -Hours 10 -Minutes 1)');
      }
      await step(dir, create);
      assert.equal(await step(dir, "(Get-ADServiceAccount -Identity 'svc-report').SamAccountName"), 'svc-report$');

      // 4. On the host: the computer's ticket still predates its group membership, so the test fails until a purge.
      const stale = await labExec(dir, "Test-ADServiceAccount -Identity 'svc-report'");
      assert.equal(stale.out, 'False');
      assert.match(stale.err, /WARNING: Test failed for Managed Service Account svc-report/);
      assert.match(await step(dir, 'klist purge -li 0x3e7'), /Ticket\(s\) purged!/);
      await step(dir, "Install-ADServiceAccount -Identity 'svc-report'");
      assert.equal(await step(dir, "Test-ADServiceAccount -Identity 'svc-report'"), 'True');

      if (!full) return;

      // 5. "Log on as a batch job" for the account, then the daily 12:05 task under DOMAIN\\name$ with LogonType Password.
      await step(dir, "Grant-MsaUserRight -Right SeBatchLogonRight -Account 'CONTOSO\\svc-report$'");
      await step(
        dir,
        `$action = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument '-NoProfile -ExecutionPolicy Bypass -File C:\\Scripts\\Nightly-Report.ps1'
         $trigger = New-ScheduledTaskTrigger -Daily -At '12:05'
         $principal = New-ScheduledTaskPrincipal -UserId 'CONTOSO\\svc-report$' -LogonType Password
         Register-ScheduledTask -TaskName 'Nightly Report' -TaskPath '\\' -Action $action -Trigger $trigger -Principal $principal | Out-Null`,
      );
      const task = JSON.parse(
        await step(
          dir,
          "Get-ScheduledTask -TaskName 'Nightly Report' | Select-Object -ExpandProperty Principal",
          '--json',
        ),
      ) as {
        UserId: string;
        LogonType: unknown;
      };
      assert.equal(task.UserId, 'CONTOSO\\svc-report$');
      assert.ok(task.LogonType === 'Password' || task.LogonType === 1, `LogonType ${String(task.LogonType)}`);

      // 6. Run it now: LastTaskResult 0.
      await step(dir, "Start-ScheduledTask -TaskName 'Nightly Report'");
      assert.equal(await step(dir, "(Get-ScheduledTaskInfo -TaskName 'Nightly Report').LastTaskResult"), '0');
    });
  }
});
