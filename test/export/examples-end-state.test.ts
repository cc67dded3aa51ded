// The exported plan scripts of the IIS examples on iis-host give the same lab end state as `msa-wizard apply`, and a
// second run changes nothing (lab-state.json byte-identical):
// - gmsa-iis-app-pool.json: the script run as WEB01 versus apply; the pool Reports runs as CONTOSO\svc-web$.
// - gmsa-web-farm.json (the pool on WEB01 and WEB02, the nightly task on WEB01): the script run as WEB01, then as
//   WEB02 (its directory part runs there too and must find everything), versus apply as WEB01 (which runs WEB02's
//   steps there through remoting), then as WEB02, which must find everything too: apply runs as the answers' target
//   computer (its lab session is bound to plan.targetComputer), so "apply as WEB02" is apply of the same answers aimed
//   at WEB02: targetComputer WEB02, each workload's host written out (pool-web01 and the task stay on WEB01, reached
//   from WEB02 through remoting), as an admin would run the wizard there.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../electron/cli/main.js';
import { parseAnswersText } from '../../electron/common/answers/answers-schema.js';
import { planScript } from '../../electron/common/export/plan-script.js';
import type { LabState } from '../../electron/lab/state.js';
import { normalise, runScript } from '../helpers/exported-script.js';
import { labState, labStateText, newLab } from '../helpers/lab.js';

const POOL = 'assets/examples/gmsa-iis-app-pool.json';
const FARM = 'assets/examples/gmsa-web-farm.json';
const GMSA = 'CONTOSO\\svc-web$';

const scriptOf = (file: string): string => {
  const { plan, input } = parseAnswersText(readFileSync(file, 'utf8'));
  return planScript(plan, { input });
};

async function apply(answers: string, dir: string): Promise<void> {
  const lines: string[] = [];
  const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
  assert.equal(await runCli(['apply', '--answers', answers, '--lab-dir', dir], io), 0, lines.join('\n'));
}

async function scriptOn(dir: string, text: string, computer: string): Promise<string> {
  const result = await runScript(dir, text, computer);
  assert.ok(result.ok, `${computer}: ${JSON.stringify(result.errors)}\n${result.information.join('\n')}`);
  return result.information.join('\n');
}

const poolOf = (state: LabState, host: string) => state.hosts[host]?.iis?.appPools.find((p) => p.name === 'Reports');

/** The pool Reports on `host` runs as the gMSA (SpecificUser, no password stored) and is started. */
function assertPoolRunsAsGmsa(state: LabState, host: string): void {
  const pool = poolOf(state, host);
  assert.equal(pool?.processModel.identityType, 'SpecificUser', `${host}: identity type`);
  assert.equal(pool.processModel.userName, GMSA, `${host}: identity`);
  assert.equal(pool.processModel.password, '', `${host}: no password`);
  assert.equal(pool.state, 'Started', `${host}: pool state`);
}

/** The farm's answers aimed at WEB02: the same workloads on the same hosts, the wizard run there. */
function farmAimedAtWeb02(): string {
  const answers = JSON.parse(readFileSync(FARM, 'utf8')) as {
    plan: { targetComputer: string; workloads: { host?: string }[] };
  };
  const from = answers.plan.targetComputer;
  answers.plan.targetComputer = 'WEB02';
  answers.plan.workloads = answers.plan.workloads.map((w) => ({ ...w, host: w.host ?? from }));
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'msa-farm-web02-')), 'gmsa-web-farm-web02.json');
  writeFileSync(file, JSON.stringify(answers, null, 2));
  return file;
}

describe('the IIS examples exported, on iis-host', () => {
  it('gmsa-iis-app-pool.json: the same end state as apply; a second run finds everything and changes nothing', async () => {
    const text = scriptOf(POOL);
    const scripted = newLab('iis-host');
    const first = await scriptOn(scripted, text, 'WEB01');
    assert.match(first, /Run app pool Reports as svc-web\$\n\s+done: /);
    // The identity change recycled the pool (IIS recycles a Started pool whose configuration changes): the recycle
    // step verifies it without recycling again.
    assert.match(
      first,
      /Recycle Reports and verify\n\s+exists: The application pool Reports is already Started, running as CONTOSO\\svc-web\$/,
    );
    const afterFirst = labStateText(scripted);
    assertPoolRunsAsGmsa(labState(scripted), 'WEB01');
    assert.ok(labState(scripted).hosts.WEB01?.userRights.SeBatchLogonRight?.includes(GMSA));
    assert.equal(poolOf(labState(scripted), 'WEB02')?.processModel.identityType, 'ApplicationPoolIdentity');

    const applied = newLab('iis-host');
    await apply(POOL, applied);
    assert.deepEqual(normalise(labState(scripted)), normalise(labState(applied)), 'the same lab state as apply');

    const again = await scriptOn(scripted, text, 'WEB01');
    assert.match(again, /Run app pool Reports as svc-web\$\n\s+exists: /);
    // Started as the account, no WAS failure: not recycled again (twice in a row changes nothing).
    assert.match(
      again,
      /Recycle Reports and verify\n\s+exists: The application pool Reports is already Started, running as CONTOSO\\svc-web\$, with no WAS failure logged for it; not recycled\./,
    );
    assert.equal(labStateText(scripted), afterFirst, 'lab-state.json is byte-identical after the second run');
  });

  it('gmsa-web-farm.json on WEB01 then WEB02: the same end state as apply there; a second round changes nothing', async () => {
    const text = scriptOf(FARM);
    const scripted = newLab('iis-host');
    const onWeb01 = await scriptOn(scripted, text, 'WEB01');
    assert.match(onWeb01, /Skipped: steps 12 to 15 run on WEB02; run this script there for them\./);
    assertPoolRunsAsGmsa(labState(scripted), 'WEB01');
    assert.equal(poolOf(labState(scripted), 'WEB02')?.processModel.identityType, 'ApplicationPoolIdentity');
    const onWeb02 = await scriptOn(scripted, text, 'WEB02');
    // The directory part ran again on WEB02 and found everything WEB01's run made.
    assert.match(onWeb02, /Group allowed to retrieve the password\n\s+exists: /);
    assert.match(onWeb02, /Create the managed service account\n\s+exists: /);
    assert.match(onWeb02, /Run app pool Reports as svc-web\$\n\s+done: /);
    const afterFirst = labStateText(scripted);
    const state = labState(scripted);
    assertPoolRunsAsGmsa(state, 'WEB01');
    assertPoolRunsAsGmsa(state, 'WEB02');
    for (const host of ['WEB01', 'WEB02']) {
      assert.ok(state.hosts[host]?.userRights.SeBatchLogonRight?.includes(GMSA), `${host}: batch logon right`);
    }
    const task = state.hosts.WEB01?.tasks.find((t) => t.taskName === 'Nightly Report');
    assert.equal(task?.principal.userId, GMSA);
    assert.equal(task.principal.logonType, 'Password');
    assert.equal(task.actions[0]?.arguments?.includes('C:\\Scripts\\Nightly-Report.ps1'), true);
    assert.equal(
      state.hosts.WEB02?.tasks.find((t) => t.taskName === 'Nightly Report'),
      undefined,
    );

    const applied = newLab('iis-host');
    await apply(FARM, applied);
    await apply(farmAimedAtWeb02(), applied);
    assert.deepEqual(normalise(labState(scripted)), normalise(labState(applied)), 'the same lab state as apply');

    const againOnWeb01 = await scriptOn(scripted, text, 'WEB01');
    assert.match(againOnWeb01, /Run app pool Reports as svc-web\$\n\s+exists: /);
    assert.match(againOnWeb01, /Register the scheduled task\n\s+exists: /);
    const againOnWeb02 = await scriptOn(scripted, text, 'WEB02');
    assert.match(againOnWeb02, /Create the managed service account\n\s+exists: /);
    assert.match(againOnWeb02, /Run app pool Reports as svc-web\$\n\s+exists: /);
    assert.equal(labStateText(scripted), afterFirst, 'lab-state.json is byte-identical after the second round');
  });
});
