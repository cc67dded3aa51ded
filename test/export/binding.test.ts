// Every command in every generated plan binds to one of its documented parameter sets (names, mandatory
// parameters): the exported plan scripts of both examples and of plan variants covering every step and branch
// (gMSA new/existing group, OU, SPNs, DNS name, every KDS mode, sMSA, every task trigger and action), every step's
// preview and undo, and the run survey. See command-binding.ts for how a command is bound.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { planScript } from '../../electron/common/export/plan-script.js';
import { surveyScript } from '../../electron/common/runs/survey.js';
import { planSteps } from '../../electron/common/steps/plan-steps.js';
import type { CreatedObject } from '../../electron/common/steps/types.js';
import { testSession } from '../helpers/pwsh.js';
import { bindingProblems, checkScripts, scanCommands } from './command-binding.js';
import { example, planVariants } from './plan-variants.js';
import { loadCmdletReference } from '../../electron/lab/reference/cmdlet-reference.js';

const session = testSession();
after(() => session.dispose());

const CREATED: CreatedObject[] = [
  { kind: 'group', identity: 'CN=g,DC=contoso,DC=com' },
  { kind: 'group-member', identity: 'CN=WEB01,DC=contoso,DC=com', parent: 'CN=g,DC=contoso,DC=com' },
  { kind: 'service-account', identity: 'CN=svc,DC=contoso,DC=com' },
  { kind: 'smsa-link', identity: 'CN=svc,DC=contoso,DC=com', parent: 'CN=WEB01,DC=contoso,DC=com' },
  { kind: 'installed-account', identity: 'svc$', parent: 'WEB01' },
  { kind: 'batch-right', identity: 'CONTOSO\\svc$', parent: 'WEB01' },
  { kind: 'service-right', identity: 'CONTOSO\\svc$', parent: 'WEB01' },
  { kind: 'scheduled-task', identity: '\\MSA Wizard\\Nightly', parent: 'WEB01' },
];

describe('command binding', () => {
  it('every command of every generated script binds to a documented parameter set', async (t) => {
    const scripts: { name: string; text: string }[] = [];
    for (const { name, plan } of planVariants()) {
      scripts.push({ name: `${name}: exported plan script`, text: planScript(plan, { version: 'test' }) });
      scripts.push({ name: `${name}: survey`, text: surveyScript(plan).text });
      for (const step of planSteps(plan)) {
        scripts.push({ name: `${name}: step ${step.id}`, text: step.preview(plan).text });
        scripts.push({ name: `${name}: undo ${step.id}`, text: step.undo(CREATED).text });
      }
    }
    const started = Date.now();
    const { problems, checked, splats } = await checkScripts(session, scripts, { pipelineInput: 'refuse' });
    assert.deepEqual(problems, []);
    // The check saw the commands that matter.
    for (const name of [
      'New-ADServiceAccount',
      'New-ADGroup',
      'Add-ADGroupMember',
      'Install-ADServiceAccount',
      'Test-ADServiceAccount',
      'Add-KdsRootKey',
      'Register-ScheduledTask',
      'New-ScheduledTaskTrigger',
      'New-ScheduledTaskAction',
      'New-ScheduledTaskPrincipal',
      'Start-ScheduledTask',
      'Unregister-ScheduledTask',
      'Remove-ADServiceAccount',
      'Add-ADComputerServiceAccount',
    ]) {
      assert.ok((checked.get(name) ?? 0) > 0, `${name} was never checked`);
    }
    // Splats are still resolved and checked (the last test proves it); the steps write their parameters on the line now.
    t.diagnostic(
      `${scripts.length} scripts, ${[...checked.values()].reduce((a, b) => a + b, 0)} reference commands (${checked.size} cmdlets, ${splats} splatted) in ${Date.now() - started} ms`,
    );
  });

  it("writes each step's main command with named parameters on its line (no splat, no positional argument)", async () => {
    const known = new Set(Object.keys(loadCmdletReference().cmdlets).map((c) => c.toLowerCase()));
    const previews = [
      ...planVariants(),
      { name: 'example move-report-task', plan: example('move-report-task') },
    ].flatMap(({ name, plan }) =>
      planSteps(plan)
        // An existing group is only read: the group step calls no New-ADGroup there.
        .filter((step) => !(step.kind === 'group' && plan.gmsa?.group.mode === 'existing'))
        .map((step) => ({ name: `${name}: ${step.id}`, command: step.command, text: step.preview(plan).text })),
    );
    const scanned = await scanCommands(
      session,
      previews.map((p) => p.text),
    );
    const problems: string[] = [];
    const seen = new Set<string>();
    previews.forEach((p, i) => {
      // A native tool (klist) or a helper of the wizard's own is not in Microsoft's reference: the preview test covers it.
      if (!known.has(p.command.toLowerCase())) return;
      seen.add(p.command);
      const calls = (scanned[i]?.commands ?? []).filter((c) => c.name?.toLowerCase() === p.command.toLowerCase());
      if (calls.length === 0) problems.push(`${p.name}: ${p.command} is not called`);
      for (const call of calls) {
        const where = `${p.name}: line ${call.line}: ${call.text}`;
        if (call.elements.some((e) => e.kind === 'splat')) problems.push(`${where}: splatted`);
        if (call.elements.some((e) => e.kind === 'arg' && !call.elements.some((p) => p.kind === 'param'))) {
          problems.push(`${where}: positional arguments only`);
        }
        if (call.text.includes('\n')) problems.push(`${where}: not on one line`);
      }
    });
    assert.deepEqual(problems, []);
    for (const command of ['New-ADGroup', 'New-ADServiceAccount', 'Add-ADGroupMember', 'Add-KdsRootKey']) {
      assert.ok(seen.has(command), `${command} was never a step's main command here`);
    }
  });

  it('catches what does not bind: an unknown parameter, a missing mandatory one, parameters of two sets, an unresolvable splat', async () => {
    const [bad] = await scanCommands(session, [
      [
        'Get-ADServiceAccount -Identity x -Bogus 1',
        'New-ADServiceAccount -Path "OU=x"',
        'New-ScheduledTaskTrigger -Daily -AtStartup',
        '$p = @{ Name = "x"; DNSHostName = "y" }; New-ADGroup @p',
        '$q = @{}; $q[$k] = 1; New-ADGroup -Name a -GroupScope Global @q',
        'New-ADGroup a Global',
      ].join('\n'),
    ]);
    const found = (bad?.commands ?? []).map((c) => (bindingProblems(c) ?? ['?']).join(' | '));
    assert.match(found[0] ?? '', /-Bogus is not a parameter/);
    assert.match(found[1] ?? '', /RestrictedToSingleComputer: mandatory -Name, -RestrictToSingleComputer not supplied/);
    assert.match(found[2] ?? '', /binds to no parameter set/);
    assert.match(found[3] ?? '', /-DNSHostName is not a parameter of New-ADGroup/);
    assert.match(found[4] ?? '', /cannot resolve: \$q\[\$k\]/);
    assert.equal(found[5], '', 'positional Name and GroupScope bind');
  });
});
