// msa-wizard adopt on the password-expired lab: the answers it writes are the example move-report-task.json (ReportSync
// not acknowledged: the admin confirms, never the wizard), and `apply` of them refuses ReportSync's step with what to
// do; with --acknowledge-no-restore apply moves the task (a gMSA copy that ran 0x0, the original disabled and kept),
// the service, the group membership, the SPN and the folder right; the old account is left as it was otherwise.
// A single task picked (--task) never moves the SPNs. Bad input exits 2.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../electron/cli/main.js';
import { PsScript } from '../../electron/common/powershell/script.js';
import { labSession, newLab } from '../helpers/lab.js';

const cli = async (args: string[]): Promise<{ rc: number; out: string }> => {
  const lines: string[] = [];
  const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
  const rc = await runCli(args, io);
  return { rc, out: lines.join('\n') };
};

describe('msa-wizard adopt', () => {
  const dir = newLab('password-expired');
  const answers = path.join(dir, 'move.json');
  const unacknowledged = path.join(dir, 'move-unacknowledged.json');
  const adoptArgs = (out: string, ...more: string[]) => [
    'adopt',
    '--computer',
    'WEB01',
    '--computer',
    'APP01',
    '--account',
    'svc-report-user',
    '--lab-dir',
    dir,
    '--out',
    out,
    ...more,
  ];
  const session = labSession(dir, { computer: 'WEB01' });
  after(() => session.dispose());

  it('writes the answers that move svc-report-user (the example file), and says what is not copied', async () => {
    const { rc, out } = await cli(adoptArgs(unacknowledged));
    assert.equal(rc, 0, out);
    assert.match(out, /not copied: Domain Admins: Domain Admins is a privileged group/);
    assert.match(out, /Disable-ADAccount -Identity 'svc-report-user'/);
    assert.match(
      out,
      /note: the service ReportSync on APP01 will run as svc-report\$: undo cannot put .*--acknowledge-no-restore/,
    );
    const written = JSON.parse(readFileSync(unacknowledged, 'utf8')) as { plan: unknown };
    const example = JSON.parse(readFileSync('assets/examples/move-report-task.json', 'utf8')) as { plan: unknown };
    assert.deepEqual(written.plan, example.plan);
  });

  it("--acknowledge-no-restore writes the admin's confirmation for ReportSync, and only that", async () => {
    const { rc, out } = await cli(adoptArgs(answers, '--acknowledge-no-restore'));
    assert.equal(rc, 0, out);
    assert.doesNotMatch(out, /--acknowledge-no-restore/);
    type Written = { plan: { workloads: { kind: string; settings: { acknowledgeNoRestore?: boolean } }[] } };
    const written = JSON.parse(readFileSync(answers, 'utf8')) as Written;
    const example = JSON.parse(readFileSync('assets/examples/move-report-task.json', 'utf8')) as Written;
    for (const w of example.plan.workloads) if (w.kind === 'service') w.settings.acknowledgeNoRestore = true;
    assert.deepEqual(written.plan, example.plan);
  });

  it('a single task picked keeps the SPNs on the old account (its service on APP01 still needs them)', async () => {
    const single = path.join(dir, 'move-task.json');
    const { rc, out } = await cli([
      'adopt',
      '--computer',
      'WEB01',
      '--task',
      '\\Reports\\Export inactive users',
      '--lab-dir',
      dir,
      '--out',
      single,
    ]);
    assert.equal(rc, 0, out);
    const written = JSON.parse(readFileSync(single, 'utf8')) as { plan: { migration: { moveSpns: string[] } } };
    assert.deepEqual(written.plan.migration.moveSpns, []);
    assert.match(out, /SPNs moved: none/);
    assert.match(
      out,
      /note: SPNs not moved \(HTTP\/reports\.contoso\.com\): only the task .* moves.*msa-wizard adopt --account svc-report-user/,
    );
  });

  it('apply carries it out: the task copy and the service run as svc-report$, the rest moved', async () => {
    const { rc, out } = await cli(['apply', '--answers', answers, '--lab-dir', dir]);
    assert.equal(rc, 0, out);
    const [state] = (await session.run(
      PsScript.fromTrustedSource(`[ordered]@{
    original = [string](Get-ScheduledTask -TaskPath '\\Reports\\' -TaskName 'Export inactive users').State
    originalUser = [string](Get-ScheduledTask -TaskPath '\\Reports\\' -TaskName 'Export inactive users').Principal.UserId
    copyUser = [string](Get-ScheduledTask -TaskPath '\\Reports\\' -TaskName 'Export inactive users (gMSA)').Principal.UserId
    copyResult = [long](Get-ScheduledTaskInfo -TaskPath '\\Reports\\' -TaskName 'Export inactive users (gMSA)').LastTaskResult
    readers = @((Get-ADGroup -Identity 'Report Readers' -Properties Members).Members | ForEach-Object { [string]$_ })
    admins = @((Get-ADGroup -Identity 'Domain Admins' -Properties Members).Members | ForEach-Object { [string]$_ })
    oldSpns = @((Get-ADUser -Identity 'svc-report-user' -Properties ServicePrincipalName).ServicePrincipalName)
    newSpns = @((Get-ADServiceAccount -Identity 'svc-report$' -Properties ServicePrincipalName).ServicePrincipalName)
    oldEnabled = [bool](Get-ADUser -Identity 'svc-report-user').Enabled
    rules = @((Get-Acl -LiteralPath 'C:\\Scripts\\Reports').Access | Where-Object { -not $_.IsInherited } | ForEach-Object { [string]$_.IdentityReference })
}`),
    )) as [
      {
        original: string;
        originalUser: string;
        copyUser: string;
        copyResult: number;
        readers: string[];
        admins: string[];
        oldSpns: string[];
        newSpns: string[];
        oldEnabled: boolean;
        rules: string[];
      },
    ];
    assert.equal(state.original, 'Disabled');
    assert.equal(state.originalUser, 'CONTOSO\\svc-report-user', 'the original keeps its principal');
    assert.equal(state.copyUser, 'CONTOSO\\svc-report$');
    assert.equal(state.copyResult, 0);
    assert.ok(state.readers.some((m) => /^CN=svc-report,/i.test(m)));
    assert.ok(!state.admins.some((m) => /^CN=svc-report,/i.test(m)));
    assert.deepEqual(state.oldSpns, []);
    assert.deepEqual(state.newSpns, ['HTTP/reports.contoso.com']);
    assert.equal(state.oldEnabled, true, 'the old account is never disabled');
    assert.deepEqual(state.rules.sort(), ['CONTOSO\\svc-report$', 'CONTOSO\\svc-report-user']);
    assert.match(out, /Restarted ReportSync on APP01: Running as CONTOSO\\svc-report\$/);
  });

  it('apply of the answers without the confirmation refuses ReportSync with what to do, and changes nothing there', async () => {
    const fresh = newLab('password-expired');
    const { rc, out } = await cli(['apply', '--answers', unacknowledged, '--lab-dir', fresh]);
    assert.notEqual(rc, 0, out);
    assert.match(out, /ReportSync on APP01 runs as the user account .*acknowledgeNoRestore: true/);
    const apps = await cli([
      'lab',
      'exec',
      '--lab-dir',
      fresh,
      '--computer',
      'APP01',
      '--json',
      '--',
      '(Get-CimInstance -ClassName Win32_Service -Filter "Name=\'ReportSync\'").StartName',
    ]);
    assert.match(apps.out, /svc-report-user/);
  });

  it('bad input and nothing to move exit 2 with what to do', async () => {
    const none = await cli(['adopt', '--task', '\\Reports\\x', '--out', answers]);
    assert.equal(none.rc, 2);
    assert.match(none.out, /--computer NAME/);
    const missing = await cli([
      'adopt',
      '--computer',
      'WEB01',
      '--service',
      'Nope',
      '--lab-dir',
      dir,
      '--out',
      answers,
    ]);
    assert.equal(missing.rc, 2, missing.out);
    assert.match(missing.out, /The service Nope was not found on WEB01\. Check the name/);
  });
});
