// The lab's WAS recycles a Started application pool when its processModel changes, as IIS does unless the pool's
// recycling@disallowRotationOnConfigChange is true: the new identity is logged on again (a bad one stops the pool
// with 5021, 5057, 5059), through Set-WebConfigurationProperty, Set-IISConfigAttributeValue and the one commit of
// Stop-IISCommitDelay. workerProcessStarts (how often WAS started a worker process for the pool) shows each recycle.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ps } from '../../electron/common/powershell/script.js';
import { labSession, labState, labStateText, newLab } from '../helpers/lab.js';
import { trusted } from '../helpers/pwsh.js';

const APPHOST = 'MACHINE/WEBROOT/APPHOST';
const WAS_EVENTS = "@{ LogName = 'System'; ProviderName = 'Microsoft-Windows-WAS'; Id = 5021, 5057, 5059 }";
const pm = (pool: string) => `system.applicationHost/applicationPools/add[@name='${pool}']/processModel`;
const recycling = (pool: string) => `system.applicationHost/applicationPools/add[@name='${pool}']/recycling`;

/** A pool as lab-state.json holds it, with the lab's own counter. */
interface PoolRecord {
  name: string;
  state: string;
  workerProcessStarts?: number;
  processModel: { identityType: string; userName: string };
  recycling?: { disallowRotationOnConfigChange: boolean };
}

describe('the lab WAS recycles a pool whose configuration changes (as WEB01)', () => {
  const dir = newLab('iis-host');
  const session = labSession(dir, { computer: 'WEB01' });
  after(() => session.dispose());
  const run = (code: string) => session.run(trusted(code));
  const pool = (name: string): PoolRecord | undefined =>
    (labState(dir).hosts.WEB01?.iis?.appPools as PoolRecord[] | undefined)?.find((p) => p.name === name);
  const starts = (name: string) => pool(name)?.workerProcessStarts ?? 0;
  // Get-WinEvent reports "no events" as an error (NoMatchingEventsFound): none is 0 here.
  const wasEvents = async () =>
    (
      (await run(
        `try { @(Get-WinEvent -FilterHashtable ${WAS_EVENTS} -ErrorAction Stop).Count } catch { 0 }`,
      )) as number[]
    )[0] ?? 0;
  const setPm = (name: string, attribute: string, value: string) =>
    session.run(
      ps`Set-WebConfigurationProperty -PSPath ${APPHOST} -Filter ${pm(name)} -Name ${attribute} -Value ${value}`,
    );

  before(async () => {
    // svc-web: WEB01 may retrieve it and it holds the batch right; svc-bad: WEB01 may retrieve it, no batch right.
    await run(`New-ADServiceAccount -Name 'svc-web' -DNSHostName 'svc-web.contoso.com' -PrincipalsAllowedToRetrieveManagedPassword 'WEB01$'
New-ADServiceAccount -Name 'svc-bad' -DNSHostName 'svc-bad.contoso.com' -PrincipalsAllowedToRetrieveManagedPassword 'WEB01$'
Grant-MsaUserRight -Right SeBatchLogonRight -Account 'CONTOSO\\svc-web$' | Out-Null
New-WebAppPool -Name 'Good' | Out-Null
New-WebAppPool -Name 'Bad' | Out-Null
New-WebAppPool -Name 'Pinned' | Out-Null
New-WebAppPool -Name 'Delayed' | Out-Null`);
  });

  it('a new pool is started once; recycling@disallowRotationOnConfigChange reads IIS default, false', async () => {
    assert.equal(starts('Good'), 1);
    assert.deepEqual(
      await run(
        `(Get-WebConfigurationProperty -PSPath '${APPHOST}' -Filter "${recycling('Good')}" -Name disallowRotationOnConfigChange).Value`,
      ),
      [false],
    );
    assert.deepEqual(await run("(Get-IISAppPool -Name 'Good').Recycling.DisallowRotationOnConfigChange"), [false]);
  });

  it('a good identity: each committed change recycles the Started pool, which stays Started; no WAS event', async () => {
    const events = await wasEvents();
    await setPm('Good', 'userName', 'CONTOSO\\svc-web$');
    assert.equal(starts('Good'), 2);
    await setPm('Good', 'identityType', 'SpecificUser');
    assert.equal(starts('Good'), 3);
    assert.equal(pool('Good')?.state, 'Started');
    assert.equal(await wasEvents(), events);
  });

  it('writing the value an attribute already holds changes nothing: lab-state.json stays byte-identical', async () => {
    const before = labStateText(dir);
    await setPm('Good', 'identityType', 'SpecificUser');
    await setPm('Good', 'userName', 'CONTOSO\\svc-web$');
    assert.equal(labStateText(dir), before);
  });

  it('a bad identity: the change itself recycles the pool, WAS logs 5021, 5057, 5059 and the pool stops', async () => {
    const events = await wasEvents();
    await setPm('Bad', 'userName', 'CONTOSO\\svc-bad$');
    assert.equal(pool('Bad')?.state, 'Started');
    await setPm('Bad', 'identityType', 'SpecificUser');
    assert.equal(pool('Bad')?.state, 'Stopped');
    assert.deepEqual(await run("(Get-WebAppPoolState -Name 'Bad').Value"), ['Stopped']);
    assert.equal(await wasEvents(), events + 3);
    const messages = (await run(
      `Get-WinEvent -FilterHashtable ${WAS_EVENTS} -MaxEvents 3 | ForEach-Object { $_.Message }`,
    )) as string[];
    assert.ok(messages.every((m) => /application pool Bad /i.test(m)));
    // A Stopped pool is not started by a change: WAS has no worker process to rotate.
    const startsBefore = starts('Bad');
    await setPm('Bad', 'loadUserProfile', 'false');
    assert.equal(pool('Bad')?.state, 'Stopped');
    assert.equal(starts('Bad'), startsBefore);
    assert.equal(await wasEvents(), events + 3);
  });

  it('disallowRotationOnConfigChange true: the change is stored, the pool keeps running until recycled', async () => {
    await session.run(
      ps`Set-WebConfigurationProperty -PSPath ${APPHOST} -Filter ${recycling('Pinned')} -Name disallowRotationOnConfigChange -Value $true`,
    );
    assert.deepEqual(pool('Pinned')?.recycling, { disallowRotationOnConfigChange: true });
    const events = await wasEvents();
    const startsBefore = starts('Pinned');
    await setPm('Pinned', 'userName', 'CONTOSO\\svc-bad$');
    await setPm('Pinned', 'identityType', 'SpecificUser');
    assert.equal(pool('Pinned')?.state, 'Started');
    assert.equal(starts('Pinned'), startsBefore);
    assert.equal(await wasEvents(), events);
    // The next recycle logs the identity on: it stops.
    await run('Restart-WebAppPool -Name Pinned');
    assert.equal(pool('Pinned')?.state, 'Stopped');
    assert.equal(await wasEvents(), events + 3);
  });

  it('IISAdministration: Set-IISConfigAttributeValue recycles at once; a commit delay recycles once, at its end', async () => {
    const startsBefore = starts('Delayed');
    await run(`$p = (Get-IISAppPool -Name 'Delayed').ProcessModel
Set-IISConfigAttributeValue -ConfigElement $p -AttributeName 'identityType' -AttributeValue 'NetworkService'`);
    assert.equal(starts('Delayed'), startsBefore + 1);
    await run(`$p = (Get-IISAppPool -Name 'Delayed').ProcessModel
Start-IISCommitDelay
Set-IISConfigAttributeValue -ConfigElement $p -AttributeName 'userName' -AttributeValue 'CONTOSO\\svc-web$'
Set-IISConfigAttributeValue -ConfigElement $p -AttributeName 'identityType' -AttributeValue 'SpecificUser'`);
    assert.equal(starts('Delayed'), startsBefore + 1, 'nothing committed yet');
    await run('Stop-IISCommitDelay');
    assert.equal(starts('Delayed'), startsBefore + 2);
    assert.equal(pool('Delayed')?.state, 'Started');
    assert.equal(pool('Delayed')?.processModel.identityType, 'SpecificUser');
    // A bad identity through a commit: stopped, with the events.
    const events = await wasEvents();
    await run(`$p = (Get-IISAppPool -Name 'Delayed').ProcessModel
Start-IISCommitDelay
Set-IISConfigAttributeValue -ConfigElement $p -AttributeName 'userName' -AttributeValue 'CONTOSO\\svc-bad$'
Stop-IISCommitDelay`);
    assert.equal(pool('Delayed')?.state, 'Stopped');
    assert.equal(await wasEvents(), events + 3);
  });
});
