// Every command in every generated plan binds to one of its documented parameter sets (names, mandatory
// parameters): the exported plan scripts of both examples and of plan variants covering every step and branch
// (gMSA new/existing group, OU, SPNs, DNS name, every KDS mode, sMSA, every task trigger and action), every step's
// preview and undo, and the run survey. See command-binding.ts for how a command is bound.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { parseAnswersText } from '../../electron/common/answers/answers-schema.js';
import { planScript } from '../../electron/common/export/plan-script.js';
import { parsePlan, type Plan, type PlanInput } from '../../electron/common/plan/plan-schema.js';
import { surveyScript } from '../../electron/common/runs/survey.js';
import { planSteps } from '../../electron/common/steps/plan-steps.js';
import type { CreatedObject } from '../../electron/common/steps/types.js';
import { SAMPLE_TASKS } from '../task/task-samples.js';
import { testSession } from '../helpers/pwsh.js';
import { bindingProblems, checkScripts, scanCommands } from './command-binding.js';

const session = testSession();
after(() => session.dispose());

const example = (name: string): Plan => parseAnswersText(readFileSync(`assets/examples/${name}.json`, 'utf8')).plan;

const GMSA: PlanInput = {
  accountType: 'gmsa',
  name: 'svc-web',
  description: "it's $(x)",
  dnsHostName: 'svc-web.contoso.com',
  spns: ['HTTP/web01.contoso.com', 'HTTP/web01'],
  ouPath: 'OU=Service Accounts,DC=contoso,DC=com',
  encryptionTypes: ['AES256'],
  passwordIntervalDays: 7,
  gmsa: {
    group: { mode: 'new', name: 'gMSA-Web-Hosts', scope: 'DomainLocal', path: 'OU=Groups,DC=contoso,DC=com' },
    computers: ['WEB01', 'APP01'],
  },
  targetComputer: 'WEB01',
};

/** Plans covering every step and branch of the generated scripts. */
export function planVariants(): { name: string; plan: Plan }[] {
  return [
    { name: 'example gmsa-scheduled-task', plan: example('gmsa-scheduled-task') },
    { name: 'example smsa', plan: example('smsa') },
    { name: 'example gmsa-service', plan: example('gmsa-service') },
    { name: 'example gmsa-iis-app-pool', plan: example('gmsa-iis-app-pool') },
    { name: 'example gmsa-web-farm', plan: example('gmsa-web-farm') },
    ...(['default', 'immediately', 'backdated'] as const).map((kds) => ({
      name: `gMSA, KDS ${kds}`,
      plan: parsePlan({ ...GMSA, kdsRootKey: kds }),
    })),
    {
      name: 'gMSA, existing group',
      plan: parsePlan({ ...GMSA, gmsa: { group: { mode: 'existing', name: 'Web Hosts' }, computers: [] } }),
    },
    ...SAMPLE_TASKS.map((task, i) => ({ name: `gMSA, sample task ${i}`, plan: parsePlan({ ...GMSA, task }) })),
    {
      name: 'sMSA with a task',
      plan: parsePlan({
        accountType: 'smsa',
        name: 'svc-app',
        spns: ['MSSQLSvc/sql01.contoso.com:1433'],
        smsa: { computer: 'WEB01' },
        targetComputer: 'WEB01',
        task: SAMPLE_TASKS[1],
      }),
    },
  ];
}

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
    // The check saw the commands that matter, splats included.
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
    assert.ok(splats >= 10, `${splats} splatted calls checked`);
    t.diagnostic(
      `${scripts.length} scripts, ${[...checked.values()].reduce((a, b) => a + b, 0)} reference commands (${checked.size} cmdlets, ${splats} splatted) in ${Date.now() - started} ms`,
    );
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
