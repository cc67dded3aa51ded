// A step whose PowerShell is lost AFTER it changed AD (the engine killed, the engine frozen until the request's
// timeout, only the pwsh launcher killed) is cut off, not failed: nothing of the lost session runs on, undo waits for
// the retry, the retry finds the object and is credited with it, and undo then removes everything the run made.
// The step's cmdlet is made to hang once it has written (a wrapper in that engine only: a fresh one forgets it), and
// the test strikes when the lab's state file shows the object: no timing guesses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunInfo } from '../../electron/common/api/contract.js';
import type { CoreContext } from '../../electron/common/api/handlers.js';
import type { PowerShellSession } from '../../electron/common/powershell/session.js';
import type { LabState } from '../../electron/lab/state.js';
import { labSession, labState, labStateText, newLab } from '../helpers/lab.js';
import { isAlive, liveTree, parentOf, waitFor } from '../helpers/processes.js';
import { trusted } from '../helpers/pwsh.js';
import { coreOn, journals, ok, refused, WEB_GMSA } from './run-api.js';

const DIRECTORY_STEPS = ['group', 'group-members', 'account'];

const named = (s: LabState, cls: string, name: string) =>
  s.objects.find((o) => o.objectClass === cls && o.name === name);

/** Every request at most `ms`: the step's own 120 s would make the frozen-engine test wait two minutes. */
const capped = (session: PowerShellSession, ms: number): CoreContext['session'] => ({
  invoke: (script, options = {}) => session.invoke(script, { timeoutMs: Math.min(options.timeoutMs ?? ms, ms) }),
});

interface Loss {
  /** The step that is cut off, and the lab cmdlet that does its write. */
  readonly step: string;
  readonly cmdlet: string;
  /** The lab's state shows the write. */
  readonly written: (state: LabState) => boolean;
  /** Takes the session away, given the engine's pid. */
  readonly lose: (engine: number) => void;
  readonly errorKind: string;
  readonly timeoutMs?: number;
}

async function cutOffAfterWrite(loss: Loss): Promise<void> {
  const dir = newLab('healthy');
  const before = labStateText(dir);
  const session = labSession(dir);
  let last: number | undefined;
  try {
    const api = coreOn(journals(), loss.timeoutMs === undefined ? session : capped(session, loss.timeoutMs));
    let run: RunInfo = await ok(api, 'runs.start', { plan: WEB_GMSA });
    const runId = run.runId;
    for (const id of DIRECTORY_STEPS.slice(0, DIRECTORY_STEPS.indexOf(loss.step))) {
      run = await ok(api, 'runs.step', { runId, stepId: id });
    }

    const [engine] = (await session.run(
      // The script block, not the command: defining the global function replaces the command's entry in place.
      trusted(`$global:MsaTestReal = (Get-Command -Name '${loss.cmdlet}' -CommandType Function).ScriptBlock
function global:${loss.cmdlet} { & $global:MsaTestReal @args; Start-Sleep -Seconds 600 }
$PID`),
    )) as number[];
    assert.ok(engine !== undefined);
    const stepping = ok(api, 'runs.step', { runId, stepId: loss.step });
    await Promise.race([
      waitFor(() => loss.written(labState(dir)), 60_000, `${loss.cmdlet} writes`),
      stepping.then((r) => assert.fail(`the step ended before the session was lost: ${JSON.stringify(r.steps)}`)),
    ]);
    const lost = liveTree(parentOf(engine)).map((p) => p.pid); // the launcher, the engine, what runs below them
    loss.lose(engine);
    run = await stepping;

    const step = run.steps.find((s) => s.id === loss.step);
    assert.equal(step?.status, 'running', 'cut off (Interrupted), not failed');
    assert.equal(step?.errorKind, loss.errorKind);
    assert.match(step?.message ?? '', /PowerShell/);
    assert.ok(run.interrupted);
    assert.deepEqual(
      lost.filter((pid) => isAlive(pid)),
      [],
      'by the time the step is reported, nothing of the lost session runs',
    );
    assert.match((await refused(api, 'runs.undo', { runId })).title, /cut off/);

    run = await ok(api, 'runs.step', { runId, stepId: loss.step });
    assert.equal(run.steps.find((s) => s.id === loss.step)?.status, 'exists');
    assert.ok(
      run.undo.some((u) => u.stepId === loss.step),
      'the lost attempt made it: it is this run’s to undo',
    );
    run = await ok(api, 'runs.all', { runId, where: 'directory' });
    assert.deepEqual(
      run.steps.filter((s) => s.where === 'directory').map((s) => s.status),
      DIRECTORY_STEPS.map((id) => (id === loss.step ? 'exists' : 'done')),
    );
    run = await ok(api, 'runs.undo', { runId, all: true });
    assert.equal(run.state, 'undone');
    assert.equal(labStateText(dir), before, 'undo removed everything the run made');
    last = session.info?.pid;
  } finally {
    const launcher = last === undefined ? undefined : parentOf(last);
    await session.dispose();
    if (last !== undefined && launcher !== undefined) {
      assert.deepEqual(liveTree(launcher), [], 'no process of the session is left');
      assert.ok(!isAlive(last));
    }
  }
}

describe('a step whose PowerShell is lost after it wrote', () => {
  it('the engine killed right after New-ADServiceAccount: cut off, then credited and undone', () =>
    cutOffAfterWrite({
      step: 'account',
      cmdlet: 'New-ADServiceAccount',
      written: (s) => named(s, 'msDS-GroupManagedServiceAccount', 'svc-web') !== undefined,
      lose: (engine) => process.kill(engine, 'SIGKILL'),
      errorKind: 'SessionLost',
    }));

  it('the engine frozen (SIGSTOP) after New-ADGroup until the timeout: cut off, then credited and undone', () =>
    cutOffAfterWrite({
      step: 'group',
      cmdlet: 'New-ADGroup',
      written: (s) => named(s, 'group', 'gMSA-Web-Hosts') !== undefined,
      lose: (engine) => process.kill(engine, 'SIGSTOP'),
      errorKind: 'Timeout',
      // Long enough for the write on a busy machine; the frozen engine then waits for it.
      timeoutMs: 15_000,
    }));

  it('only the pwsh launcher killed after Add-ADGroupMember: its engine dies too; cut off, then credited and undone', () =>
    cutOffAfterWrite({
      step: 'group-members',
      cmdlet: 'Add-ADGroupMember',
      written: (s) => (named(s, 'group', 'gMSA-Web-Hosts')?.members.length ?? 0) > 0,
      lose: (engine) => {
        const launcher = parentOf(engine);
        assert.notEqual(launcher, process.pid, 'the .NET tool pwsh is a launcher: the engine is its child, not ours');
        process.kill(launcher, 'SIGKILL');
      },
      errorKind: 'SessionLost',
    }));
});
