// LabCore: the state file is written atomically under a lock, bad labs fail in one line and are never overwritten,
// and scenarios produce states that pass the schema.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { createLab, LabError, labSessionOptions, readLab } from '../../electron/lab/lab.js';
import { SCENARIOS } from '../../electron/lab/scenarios.js';
import { labStateSchema, STATE_FILE } from '../../electron/lab/state.js';
import { labSession, newLab } from '../helpers/lab.js';
import { trusted } from '../helpers/pwsh.js';

describe('scenarios', () => {
  it('every scenario builds a state that passes the schema, with its own name', () => {
    for (const scenario of SCENARIOS) {
      const state = labStateSchema.parse(scenario.build(new Date()));
      assert.equal(state.scenario, scenario.name);
      assert.ok(state.hosts[state.context.computer], `${scenario.name}: the context computer exists`);
    }
  });

  it('the scenarios differ from healthy in what their names say', () => {
    const by = (name: string) => SCENARIOS.find((s) => s.name === name)?.build(new Date());
    assert.equal(by('fresh-domain')?.kdsRootKeys.length, 0);
    assert.equal(by('legacy-levels')?.domain.domainMode, 'Windows2008R2Domain');
    assert.equal(by('no-rsat')?.hosts.WEB01?.features['RSAT-AD-PowerShell'], false);
    assert.equal(by('not-admin')?.context.elevated, false);
    assert.deepEqual(by('multi-dc-replication')?.kdsRootKeys[0]?.replicatedTo, ['DC01']);
    assert.equal(by('multi-dc-replication')?.context.domainController, 'DC02');
    assert.ok(by('gpo-managed-rights')?.hosts.WEB01?.gpoRights.SeBatchLogonRight);
    assert.equal(by('server-2025')?.forest.forestMode, 'Windows2025Forest');
  });
});

describe('lab directories', () => {
  it('refuses to create a lab over an existing one and leaves it untouched', () => {
    const dir = newLab('healthy');
    const before = readFileSync(path.join(dir, STATE_FILE), 'utf8');
    assert.throws(() => createLab(dir, 'fresh-domain'), LabError);
    assert.equal(readFileSync(path.join(dir, STATE_FILE), 'utf8'), before);
  });

  it('explains a missing folder, a missing state file, bad JSON and a bad shape in one line', () => {
    const dir = newLab('healthy');
    const file = path.join(dir, STATE_FILE);
    const oneLine = (fn: () => unknown, pattern: RegExp) =>
      assert.throws(
        fn,
        (err: unknown) => err instanceof LabError && pattern.test(err.message) && !err.message.includes('\n'),
      );
    oneLine(() => readLab(path.join(dir, 'nope')), /no lab folder/);
    oneLine(
      () => createLab(path.join(dir, 'x'), 'no-such-scenario'),
      /unknown scenario 'no-such-scenario'; choose one of: healthy/,
    );
    writeFileSync(file, '{"version": 1, "broken": ');
    oneLine(() => readLab(dir), /not valid JSON; it was left untouched/);
    assert.equal(readFileSync(file, 'utf8'), '{"version": 1, "broken": ');
    writeFileSync(file, '{"version": 1}');
    oneLine(() => labSessionOptions(dir), /not a valid lab state/);
    oneLine(() => labSessionOptions(newLab('healthy'), { computer: 'NOPE01' }), /no computer 'NOPE01'/);
  });
});

describe('LabCore state file (real pwsh)', () => {
  const dir = newLab('healthy');
  const one = labSession(dir);
  const two = labSession(dir);
  after(async () => {
    await one.dispose();
    await two.dispose();
  });

  it('serializes concurrent writers from two sessions: no update is lost', async () => {
    const bump = trusted(
      '1..25 | ForEach-Object { Update-LabState -Script { param($s) $s.clockOffsetSeconds = $s.clockOffsetSeconds + 1 } }',
    );
    await Promise.all([one.run(bump), two.run(bump)]);
    assert.equal(readLab(dir).clockOffsetSeconds, 50);
  });

  it('writes nothing when a mutation throws', async () => {
    const before = readFileSync(path.join(dir, STATE_FILE), 'utf8');
    const envelope = await one.invoke(
      trusted("Update-LabState -Script { param($s) $s.clockOffsetSeconds = 999; throw 'changed my mind' }"),
    );
    assert.equal(envelope.ok, false);
    assert.equal(readFileSync(path.join(dir, STATE_FILE), 'utf8'), before);
  });

  it('keeps the state valid for the schema after PowerShell rewrites it', async () => {
    await one.run(
      trusted("Update-LabState -Script { param($s) $s.hosts.WEB01.files.Add('C:\\Scripts\\new.ps1') | Out-Null }"),
    );
    const state = readLab(dir);
    assert.ok(state.hosts.WEB01?.files.includes('C:\\Scripts\\new.ps1'));
    // readLab validated the state (lab-state.json with the hosts' ticket caches from lab-tickets.json merged in);
    // the state file itself carries no ticket cache.
    const raw = JSON.parse(readFileSync(path.join(dir, STATE_FILE), 'utf8')) as { hosts: Record<string, object> };
    assert.equal('ticketIssued' in (raw.hosts.WEB01 ?? {}), false);
    assert.ok(labStateSchema.shape.objects.parse(JSON.parse(readFileSync(path.join(dir, STATE_FILE), 'utf8')).objects));
    assert.match(state.hosts.WEB01?.ticketIssued ?? '', /^\d{4}-/);
  });

  it('a corrupt state file fails every lab command in one line and is never overwritten', async () => {
    const bad = '{ this is not json';
    writeFileSync(path.join(dir, STATE_FILE), bad);
    const envelope = await one.invoke(trusted('Update-LabState -Script { param($s) $s.clockOffsetSeconds = 1 }'));
    assert.equal(envelope.ok, false);
    assert.match(envelope.errors[0]?.message ?? '', /not valid JSON; it was left untouched/);
    assert.equal(readFileSync(path.join(dir, STATE_FILE), 'utf8'), bad);
  });
});
