// The exported plan script (msa-wizard plan) run for real in the lab (pwsh, the lab's AD, KDS, Task Scheduler and
// user rights): for gmsa-scheduled-task.json it reaches the same end state as `msa-wizard apply` of the same file in
// another fresh lab, and a second run succeeds and changes nothing. It stops at the first problem with the judge's
// message (GPO-defined batch right, a KDS key still pending), and keeps hostile text byte-identical.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { answersText, parseAnswersText } from '../../electron/common/answers/answers-schema.js';
import { planScript } from '../../electron/common/export/plan-script.js';
import { USER_RIGHTS_FALLBACK } from '../../electron/common/workloads/shared/user-rights.js';
import { parsePlan, type PlanInput } from '../../electron/common/plan/plan-schema.js';
import type { Envelope } from '../../electron/common/powershell/envelope.js';
import { ps } from '../../electron/common/powershell/script.js';
import type { PowerShellSession } from '../../electron/common/powershell/session.js';
import { runCli } from '../../electron/cli/main.js';
import { labSession, labState, labStateText, newLab } from '../helpers/lab.js';
import { testSession, trusted } from '../helpers/pwsh.js';
import { hostileStrings } from '../powershell/hostile-corpus.js';

const EXAMPLE = 'assets/examples/gmsa-scheduled-task.json';

const sessions: PowerShellSession[] = [];
after(() => Promise.all(sessions.map((s) => s.dispose())));

/** Writes the script as the CLI does (UTF-8 with BOM) into the lab folder and runs it there as WEB01. */
async function runScript(dir: string, text: string, reuse?: PowerShellSession): Promise<Envelope> {
  const file = path.join(dir, 'plan.ps1');
  writeFileSync(file, `\uFEFF${text}`);
  const session = reuse ?? labSession(dir, { computer: 'WEB01' });
  sessions.push(session);
  try {
    return await session.invoke(ps`& ${file}`, { timeoutMs: 300_000 });
  } finally {
    if (reuse === undefined) await session.dispose();
  }
}

/**
 * What differs between two labs for reasons other than what was done: random GUIDs (object GUIDs, KDS key ids, task
 * instance ids in event messages) and timestamps (lab creation, object creation, task registration and runs,
 * accounts' password and logon FILETIMEs).
 * SIDs are not volatile: the lab hands out RIDs in order.
 */
function normalise(value: unknown): unknown {
  if (typeof value === 'string') {
    return (
      value
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<guid>')
        .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?/g, '<time>')
        // FILETIMEs of this century (pwdLastSet, lastLogonTimestamp, ... in the attribute bag, stored as decimal
        // strings): 18 digits starting with 1. The "never" value 9223372036854775807 stays as it is.
        .replace(/^1\d{17}$/, '<filetime>')
    );
  }
  if (Array.isArray(value)) return value.map(normalise);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  }
  return value;
}

const silent = { out: () => undefined, err: () => undefined };

describe('the exported plan script in the lab', () => {
  it('gmsa-scheduled-task.json: the same end state as apply; a second run succeeds and changes nothing', async () => {
    const { plan, input } = parseAnswersText(readFileSync(EXAMPLE, 'utf8'));
    const text = planScript(plan, { input });
    const scripted = newLab('healthy');
    const first = await runScript(scripted, text);
    assert.ok(first.ok, JSON.stringify(first.errors));
    assert.match(first.information.join('\n'), /\[10\/10\] Test run the task\n\s+done: Test run of \\Nightly Report/);
    assert.match(first.information.at(-1) ?? '', /^Done: all 10 steps succeeded/);
    const afterFirst = labStateText(scripted);

    const applied = newLab('healthy');
    assert.equal(await runCli(['apply', '--answers', EXAMPLE, '--lab-dir', applied], silent), 0);
    assert.deepEqual(normalise(labState(scripted)), normalise(labState(applied)), 'the same lab state as apply');
    for (const file of ['lab-tickets.json']) {
      if (!existsSync(path.join(scripted, file))) continue;
      const read = (dir: string) => normalise(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
      assert.deepEqual(read(scripted), read(applied), `the same ${file} as apply`);
    }
    // What was made, to be sure the comparison compares something.
    const web01 = labState(scripted).hosts.WEB01;
    assert.ok(web01?.userRights.SeBatchLogonRight?.includes('CONTOSO\\svc-report$'));
    assert.equal(web01?.tasks.find((t) => t.taskName === 'Nightly Report')?.lastTaskResult, 0);

    const second = await runScript(scripted, text);
    assert.ok(second.ok, JSON.stringify(second.errors));
    const statuses = second.information.filter((l) => /^ {6}\w+:/.test(l)).map((l) => l.trim().split(':')[0]);
    assert.deepEqual(statuses, [
      'ok',
      'exists',
      'exists',
      'exists',
      'exists',
      'exists',
      'exists',
      'done',
      'exists',
      'exists',
      'exists',
    ]);
    assert.equal(labStateText(scripted), afterFirst, 'lab-state.json is byte-identical after the second run');
  });

  it('every option set (OU, group path, SPNs, DNS name, AES256 only, 7 days; sMSA with a weekly task): twice, the second run all found', async () => {
    const dir = newLab('healthy');
    const session = labSession(dir, { computer: 'WEB01' });
    sessions.push(session);
    const plans: PlanInput[] = [
      {
        accountType: 'gmsa',
        name: 'svc-all',
        description: 'every option',
        dnsHostName: 'svc-all.contoso.com',
        spns: ['HTTP/all.contoso.com', 'HTTP/all'],
        ouPath: 'OU=Servers,DC=contoso,DC=com',
        encryptionTypes: ['AES256'],
        passwordIntervalDays: 7,
        gmsa: {
          group: { mode: 'new', name: 'gMSA-All', scope: 'Universal', path: 'OU=Service Groups,DC=contoso,DC=com' },
          computers: ['WEB01', 'APP01'],
        },
        targetComputer: 'WEB01',
      },
      {
        accountType: 'smsa',
        name: 'svc-one',
        smsa: { computer: 'WEB01' },
        targetComputer: 'WEB01',
        task: {
          name: 'Weekly',
          folder: 'MSA Wizard',
          action: { kind: 'powershell-script', path: 'C:\\Scripts\\Nightly-Report.ps1', arguments: '-Mode Full' },
          trigger: { kind: 'weekly', at: '23:30', days: ['Friday', 'Monday'] },
          repetition: { intervalMinutes: 15, durationMinutes: 120 },
          highestPrivileges: true,
          stopAfterMinutes: 90,
        },
      },
    ];
    for (const input of plans) {
      const text = planScript(parsePlan(input), { input });
      const first = await runScript(dir, text, session);
      assert.ok(first.ok, `${input.name}: ${JSON.stringify(first.errors)}`);
      const afterFirst = labStateText(dir);
      const second = await runScript(dir, text, session);
      assert.ok(second.ok, `${input.name}: ${JSON.stringify(second.errors)}`);
      const statuses = second.information.filter((l) => /^ {6}\w+:/.test(l)).map((l) => l.trim().split(':')[0]);
      assert.ok(
        statuses.every((x) => x === 'ok' || x === 'exists' || x === 'done'),
        statuses.join(),
      );
      assert.deepEqual(
        statuses.filter((x) => x === 'done'),
        ['done'],
        `${input.name}: only the account test is 'done'`,
      );
      assert.equal(labStateText(dir), afterFirst, `${input.name}: nothing changed`);
    }
  });

  it('stops at the first problem with what to change: a GPO-defined batch right names the GPO path; nothing after it runs', async () => {
    const { plan, input } = parseAnswersText(readFileSync(EXAMPLE, 'utf8'));
    const dir = newLab('gpo-managed-rights');
    const result = await runScript(dir, planScript(plan, { input }));
    assert.equal(result.ok, false);
    const message = result.errors[0]?.message ?? '';
    assert.match(message, /^MSA Wizard stopped at step 8 of 10 \(Grant "Log on as a batch job" on WEB01\): /);
    assert.ok(
      message.includes(
        'Group Policy Management -> Server Baseline -> Computer Configuration -> Policies -> Windows Settings -> Security Settings -> Local Policies -> User Rights Assignment -> Log on as a batch job -> Add User or Group -> CONTOSO\\svc-report$',
      ),
      message,
    );
    assert.doesNotMatch(result.information.join('\n'), /\[9\/10\]/);
    assert.equal(labState(dir).hosts.WEB01?.tasks.length ?? 0, 0, 'no task was registered');
  });

  it("kdsRootKey 'default' with no key: creates one, stops saying until when to wait; run again: no second key", async () => {
    const dir = newLab('fresh-domain');
    const input: PlanInput = {
      accountType: 'gmsa',
      name: 'svc-web',
      kdsRootKey: 'default',
      gmsa: { group: { mode: 'new', name: 'gMSA-Web-Hosts' }, computers: ['WEB01'] },
      targetComputer: 'WEB01',
    };
    const text = planScript(parsePlan(input), { input });
    for (const attempt of [1, 2]) {
      const result = await runScript(dir, text);
      assert.equal(result.ok, false);
      assert.match(
        result.errors[0]?.message ?? '',
        attempt === 1
          ? /step 1 of 7 .*: Created KDS root key [0-9a-f-]{36}\. No KDS root key is usable yet, so no gMSA can be created: wait until \w{3} \d{1,2} \w{3} \d{4} \d{1,2}:\d{2} [AP]M \(in 10 hours\)/
          : /step 1 of 7 .*: No KDS root key is usable yet, so no gMSA can be created: wait until \w{3} \d{1,2} \w{3} \d{4} \d{1,2}:\d{2} [AP]M \(in (9 hours 59 minutes|10 hours)\)/,
      );
      assert.equal(labState(dir).kdsRootKeys.length, 1, `attempt ${attempt}: one key`);
    }
    assert.equal(
      labState(dir).objects.filter((o) => o.name === 'gMSA-Web-Hosts').length,
      0,
      'nothing after the KDS step ran',
    );
    // 'immediately' (a test lab): the key is usable at once and the whole plan goes through.
    const now = newLab('fresh-domain');
    const immediately = { ...input, kdsRootKey: 'immediately' as const };
    const result = await runScript(now, planScript(parsePlan(immediately), { input: immediately }));
    assert.ok(result.ok, JSON.stringify(result.errors));
    assert.match(result.information.join('\n'), /done: Created KDS root key .* \(immediately\); it is usable now\./);
  });

  it('keeps hostile descriptions and task arguments byte-identical (read back from the lab)', async () => {
    const dir = newLab('healthy');
    const session = labSession(dir, { computer: 'WEB01' });
    sessions.push(session);
    // Control characters are refused in arguments (the schema's own test covers that); the rest must be kept.
    // eslint-disable-next-line no-control-regex
    const corpus = hostileStrings(400).filter((s) => s.trim() !== '' && !/[\u0000-\u001f\u007f-\u009f]/.test(s));
    const picks = corpus.filter((_, i) => i % Math.ceil(corpus.length / 6) === 0).slice(0, 6);
    for (const [i, text] of picks.entries()) {
      const input: PlanInput = {
        accountType: 'gmsa',
        name: `svc-h${i}`,
        description: text,
        gmsa: { group: { mode: 'new', name: `gMSA-H${i}` }, computers: ['WEB01'] },
        targetComputer: 'WEB01',
        task: {
          name: `Hostile ${i}`,
          action: { kind: 'powershell-script', path: 'C:\\Scripts\\Nightly-Report.ps1', arguments: text },
        },
      };
      const plan = parsePlan(input);
      // Through the answers file too: the text survives JSON and the header comment.
      const round = parseAnswersText(answersText(input));
      assert.equal(round.plan.description, text);
      const result = await runScript(dir, planScript(round.plan, { input }), session);
      assert.ok(result.ok, `${JSON.stringify(text)}: ${JSON.stringify(result.errors)}`);
      const account = labState(dir).objects.find((o) => o.samAccountName === `svc-h${i}$`);
      assert.equal(account?.description, plan.description, JSON.stringify(text));
      const task = labState(dir).hosts.WEB01?.tasks.find((t) => t.taskName === `Hostile ${i}`);
      assert.ok(task?.actions[0]?.arguments?.endsWith(` ${text}`), JSON.stringify(text));
    }
  });

  it("the user-rights commands for hosts without the app's module compile (C#) and are defined only when missing", async () => {
    const session = testSession();
    sessions.push(session);
    const [defined] = await session.run(
      trusted(
        `${USER_RIGHTS_FALLBACK.text}\n[bool](Get-Command -Name Grant-MsaUserRight -ErrorAction SilentlyContinue) -and [bool]('MsaWizard.UserRights' -as [type])`,
      ),
    );
    assert.equal(defined, true);
  });
});
