// The app-pool kind's scripts, statically: every script it can send (both steps in both modes, their judges, every
// undo, the survey) parses with pwsh's parser, uses no PowerShell 7-only syntax, is ASCII, and every command that
// Microsoft's reference documents binds to one of its parameter sets. The settings refuse what IIS refuses.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { parsePlan, type Plan } from '../../electron/common/plan/plan-schema.js';
import { joinPrelude, type CreatedObject } from '../../electron/common/steps/types.js';
import { appPoolWorkload } from '../../electron/common/workloads/app-pool/index.js';
import {
  appPoolSettingsSchema,
  type AppPoolSettings,
  type AppPoolSettingsInput,
} from '../../electron/common/workloads/app-pool/settings.js';
import type { WorkloadContext } from '../../electron/common/workloads/types.js';
import { bindingProblems, scanCommands } from '../export/command-binding.js';
import { testSession } from '../helpers/pwsh.js';
import { scanForPs7Syntax } from '../powershell/ps51-scan.js';

const session = testSession();
after(() => session.dispose());

const plan: Plan = parsePlan({
  accountType: 'gmsa',
  name: 'svc-web',
  dnsHostName: 'svc-web.contoso.com',
  gmsa: { group: { mode: 'new', name: 'gMSA-Web-Hosts' }, computers: ['WEB01'] },
  targetComputer: 'WEB01',
});

const ctxOf = (input: AppPoolSettingsInput): WorkloadContext<AppPoolSettings> => ({
  plan,
  workload: { id: 'app-pool', kind: 'app-pool', host: 'WEB01', settings: appPoolSettingsSchema.parse(input) },
});

const SETTINGS: AppPoolSettingsInput[] = [
  { mode: 'existing', name: 'Reports' },
  { mode: 'existing', name: "O'Brien $(Stop-Computer) `n ${x}", recycle: false, acknowledgeNoRestore: true },
  { mode: 'create', name: 'New Pool', managedRuntimeVersion: '', pipelineMode: 'Classic' },
];

const UNDOS: CreatedObject[][] = [
  [{ kind: 'app-pool', identity: 'Reports', parent: 'WEB01' }],
  [{ kind: 'app-pool-identity', identity: "O'Brien", parent: 'WEB01', previous: 'ApplicationPoolIdentity' }],
  [{ kind: 'app-pool-identity', identity: 'Reports', parent: 'WEB01', previous: 'SpecificUser:CONTOSO\\svc-old$' }],
  [{ kind: 'app-pool-identity', identity: 'Reports', parent: 'WEB01', previous: 'SpecificUser:CONTOSO\\bob' }],
];

function allScripts(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const input of SETTINGS) {
    const ctx = ctxOf(input);
    for (const step of appPoolWorkload.steps) {
      out.push({
        name: `${step.id} ${input.name}`,
        text: joinPrelude(step.script(ctx), step.title(ctx), step.needs).text,
      });
      out.push({ name: `${step.id} judge ${input.name}`, text: step.judge(ctx).text });
    }
    out.push({ name: `survey ${input.name}`, text: joinPrelude(appPoolWorkload.survey(ctx)).text });
  }
  for (const created of UNDOS) {
    for (const step of appPoolWorkload.steps)
      out.push({
        name: `${step.id} undo ${created[0]?.previous ?? created[0]?.kind}`,
        text: joinPrelude(
          step.undo(created, ctxOf(SETTINGS[0] ?? { mode: 'existing', name: 'Reports' })),
          undefined,
          step.needs,
        ).text,
      });
  }
  return out;
}

describe('the app-pool scripts', () => {
  it('parse, are ASCII, use no 7-only syntax, and bind to documented parameter sets', async () => {
    const scripts = allScripts();
    for (const s of scripts) assert.ok(![...s.text].some((c) => c.charCodeAt(0) > 0x7e), `${s.name} is not ASCII`);
    const ps7 = await scanForPs7Syntax(session, scripts);
    assert.deepEqual(
      ps7.filter((f) => f.problems.length > 0),
      [],
    );
    const scanned = await scanCommands(
      session,
      scripts.map((s) => s.text),
    );
    const problems: string[] = [];
    const checked = new Set<string>();
    scanned.forEach((script, i) => {
      const where = scripts[i]?.name ?? '?';
      for (const e of script.parseErrors) problems.push(`${where}: parse error ${e}`);
      for (const command of script.commands) {
        const found = bindingProblems(command);
        if (found === null) continue;
        checked.add(command.name ?? '');
        for (const p of found) problems.push(`${where} line ${command.line}: ${command.text.slice(0, 120)}: ${p}`);
      }
    });
    assert.deepEqual(problems, []);
    for (const name of [
      'Get-WebConfigurationProperty',
      'Set-WebConfigurationProperty',
      'New-WebAppPool',
      'Remove-WebAppPool',
      'Restart-WebAppPool',
      'Start-WebAppPool',
      'Get-WebAppPoolState',
      'Get-Website',
      'Get-Acl',
      'Get-ADServiceAccount',
      'Get-ADPrincipalGroupMembership',
      'Test-ADServiceAccount',
    ]) {
      assert.ok(checked.has(name), `${name} was not checked`);
    }
  });

  it('a hostile name stays one literal: the script holds it only quoted', () => {
    const name = "O'Brien $(Stop-Computer) `n ${x}";
    const text = appPoolWorkload.steps[0]?.script(ctxOf({ mode: 'existing', name })).text ?? '';
    assert.ok(text.includes("$name = 'O''Brien $(Stop-Computer) `n ${x}'"));
    assert.ok(!text.includes('Stop-Computer)\n'));
  });
});

describe('the app-pool settings', () => {
  it('refuse the characters IIS refuses, control characters, and more than 64 characters', () => {
    for (const bad of [
      'a/b',
      'a\\b',
      'a"b',
      'a|b',
      'a<b',
      'a:b',
      'a*b',
      'a?b',
      'a[b',
      'a]b',
      'a+b',
      'a=b',
      'a;b',
      'a,b',
      'a@b',
      'a&b',
      'a\tb',
      '',
      ' ',
      'x'.repeat(65),
    ]) {
      assert.equal(
        appPoolSettingsSchema.safeParse({ mode: 'existing', name: bad }).success,
        false,
        JSON.stringify(bad),
      );
    }
    for (const good of ["O'Brien", 'Reports', '.NET v4.5', 'x'.repeat(64), 'Pe\u00f1a $(x)']) {
      assert.equal(appPoolSettingsSchema.safeParse({ mode: 'existing', name: good }).success, true, good);
    }
  });

  it('default to recycling, .NET CLR v4.0 and the Integrated pipeline', () => {
    assert.deepEqual(appPoolSettingsSchema.parse({ mode: 'create', name: 'New' }), {
      mode: 'create',
      name: 'New',
      recycle: true,
      acknowledgeNoRestore: false,
      managedRuntimeVersion: 'v4.0',
      pipelineMode: 'Integrated',
    });
    assert.equal(
      appPoolSettingsSchema.safeParse({ mode: 'existing', name: 'x', pipelineMode: 'Classic' }).success,
      false,
    );
  });
});
