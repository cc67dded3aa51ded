// Live output reads as a transcript: each run's header is words and the `PS>` line an admin would have typed (found in
// the very script that ran: the step's main command, never inside the helpers), and the core's JSON answers become
// their message or nothing. Pure: the previews of a real plan, no PowerShell.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runSchema } from '../../electron/common/api/contract';
import { planStepPreviews } from '../../electron/common/runs/run-service';
import { commandLine, outputWords, transcriptHeader } from '../../renderer/src/components/liveTranscript';
import { WEB_GMSA } from '../runs/run-api';

const steps = planStepPreviews(WEB_GMSA);

describe('live output transcript', () => {
  it('a step run shows its title and the line that runs its main command, never a method name', () => {
    const run = runSchema.parse({
      runId: 'r',
      createdAt: '2026-12-05T00:00:00Z',
      plan: {},
      accountType: 'gmsa',
      account: 'svc-web$',
      targetComputer: 'WEB01',
      state: 'open',
      interrupted: false,
      steps: steps.map((s) => ({
        ...s,
        status: 'pending',
        message: null,
        errorKind: null,
        created: [],
        startedAt: null,
        finishedAt: null,
      })),
      undo: [],
      warnings: [],
      journal: 'j',
    });
    for (const step of steps) {
      const header = transcriptHeader(`runs.step:${step.id}`, step.script, run);
      assert.equal(header.what, step.title);
      assert.ok(header.command !== null, `${step.id}: a command line`);
      if (step.command !== '') assert.match(header.command, new RegExp(step.command.replace(/[^\w-]/g, ''), 'i'));
      assert.doesNotMatch(`${header.what} ${header.command}`, /runs\.step/);
    }
    assert.equal(transcriptHeader('checks.run', 'Get-ADDomain', null).what.startsWith('Health check'), true);
    assert.equal(transcriptHeader('some.newMethod', 'x', null).what, 'PowerShell');
  });

  it('skips the helpers region and comments; prefers the step’s own command', () => {
    const script = [
      '#region Helpers',
      'function Get-MsaOrNull { Get-ADObject -Filter * }',
      '#endregion',
      '# Read first',
      '$group = Get-ADGroup -Filter "Name -eq \'g\'"',
      "New-ADGroup -Name 'g' -GroupScope Global",
    ].join('\n');
    assert.equal(commandLine(script, 'New-ADGroup'), "New-ADGroup -Name 'g' -GroupScope Global");
    assert.equal(commandLine(script), 'Get-ADGroup -Filter "Name -eq \'g\'"');
    assert.equal(commandLine('# nothing'), null);
    assert.equal(commandLine("$created = New-ADGroup -Name 'g'", 'New-ADGroup'), "New-ADGroup -Name 'g'");
  });

  it('JSON answers become their message or nothing; PowerShell’s own lines stay', () => {
    assert.equal(
      outputWords('output', JSON.stringify({ status: 'done', message: 'Created the group.' })),
      'Created the group.',
    );
    assert.equal(outputWords('output', JSON.stringify({ results: [1, 2] })), null);
    assert.equal(outputWords('warning', 'Careful.'), 'Careful.');
  });
});
