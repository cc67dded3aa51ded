// The preview reads like PowerShell (issue 16): what the PowerShell panel shows of a step before "Show helpers"
// (visibleText: every #region folded to its one line) leads with the step's main command — its descriptor's
// `command`, written as an admin would type it, with named parameters on the same line — within the first 10 lines;
// the shared helpers sit in ONE helper region; and no line of substance is written twice. For every step of plans
// covering every kind: sMSA, gMSA with a new and an existing group, every KDS mode and task sample, the examples
// (every workload kind, a web farm, a move from a user account), and every workload kind on another host (through
// remoting). Pure text: no PowerShell runs here (the binding tests prove the commands bind).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAnswersText } from '../../electron/common/answers/answers-schema.js';
import type { Plan, PlanInput } from '../../electron/common/plan/plan-schema.js';
import { parsePlan } from '../../electron/common/plan/plan-schema.js';
import { visibleText } from '../../electron/common/powershell/regions.js';
import { planSteps } from '../../electron/common/steps/plan-steps.js';
import { example, GMSA, planVariants } from '../export/plan-variants.js';
import { readFileSync } from 'node:fs';

const answers = (name: string): PlanInput =>
  parseAnswersText(readFileSync(`assets/examples/${name}.json`, 'utf8')).input as PlanInput;

/** Every workload of the examples, on the target computer and again on another host (APP01, through remoting). */
function everyWorkloadOn(host: string | undefined): Plan {
  const workloads = ['gmsa-scheduled-task', 'gmsa-service', 'gmsa-iis-app-pool', 'move-report-task']
    .flatMap((name) => (answers(name).workloads ?? []) as Record<string, unknown>[])
    .map((w, i) => ({ ...w, id: `w${i + 1}`, ...(host === undefined ? { host: undefined } : { host }) }));
  return parsePlan({
    ...GMSA,
    gmsa: { ...GMSA.gmsa!, computers: ['WEB01', 'APP01'] },
    workloads,
  } as PlanInput);
}

function plans(): { name: string; plan: Plan }[] {
  const move = answers('move-report-task');
  return [
    ...planVariants(),
    { name: 'example move-report-task', plan: example('move-report-task') },
    {
      name: 'move, file access on another host',
      plan: parsePlan({
        ...move,
        migration: {
          ...move.migration!,
          fileAccess: (move.migration?.fileAccess ?? []).map((f) => ({ ...f, host: 'APP01' })),
        },
      }),
    },
    { name: 'every workload on the target computer', plan: everyWorkloadOn(undefined) },
    { name: 'every workload on APP01 (remoting)', plan: everyWorkloadOn('APP01') },
  ];
}

/** Lines that may repeat: blank, comments, lines without a word (braces, `})[-1]`), else/try/catch, `[ordered]@{`. */
const trivial = (line: string): boolean => {
  const t = line.trim();
  return (
    t === '' ||
    t.startsWith('#') ||
    !/[A-Za-z]/.test(t) ||
    /^(\}\s*)?(else|try|catch|finally)\b[^=]{0,3}$/.test(t) ||
    t === '[ordered]@{'
  );
};

const HELPER_REGION = /^#region Helpers\b/;

interface Finding {
  plan: string;
  step: string;
  problem: string;
}

/** What is wrong with one step's preview as the panel first shows it (empty: it leads with its command). */
export function previewProblems(script: string, command: string): string[] {
  const problems: string[] = [];
  const helperRegions = script.split('\n').filter((l) => HELPER_REGION.test(l)).length;
  if (helperRegions !== 1) problems.push(`${helperRegions} helper regions, not 1`);
  const visible = visibleText(script).split('\n');
  const escaped = command.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The command as a word: 'New-ADGroup' not inside 'New-ADGroupX'; a native tool as the program's quoted name too.
  const word = new RegExp(`(^|[^\\w-])'?${escaped}'?(?![\\w-])`, 'i');
  const at = visible.findIndex((l) => !l.trim().startsWith('#') && word.test(l));
  if (at === -1) problems.push(`${command} is not in the visible script`);
  else if (at >= 10) problems.push(`${command} first appears on visible line ${at + 1}: ${visible[at]?.trim()}`);
  else {
    const line = visible[at] ?? '';
    // Named parameters on the command's own line (-Name 'x', -Enabled:$true); the command alone only where it takes
    // none in this plan (Add-KdsRootKey, the default KDS mode: effective in 10 hours).
    const named = /\s-[A-Za-z]\w*(?=[:\s)]|$)/.test(line.slice(line.search(word)));
    const alone = new RegExp(`\\(${escaped}\\)`, 'i').test(line) || line.trim() === command;
    if (!named && !alone) problems.push(`${command} has no named parameter on its line: ${line.trim()}`);
    if (/\s@[A-Za-z]\w*/.test(line)) problems.push(`${command} is splatted: ${line.trim()}`);
  }
  // No line of the step's own code written twice (helpers are folded: each defined once, checked above).
  const seen = new Map<string, number>();
  for (const line of visible) {
    if (trivial(line)) continue;
    const key = line.trim();
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  for (const [line, n] of seen) if (n > 1) problems.push(`written ${n} times: ${line}`);
  return problems;
}

describe('every step preview leads with its command', () => {
  it('within the first 10 visible lines, with named parameters, one helper region, no line twice', () => {
    const findings: Finding[] = [];
    const kinds = new Set<string>();
    for (const { name, plan } of plans()) {
      for (const step of planSteps(plan)) {
        kinds.add(step.kind);
        assert.ok(step.command !== '', `${step.id} names no command`);
        // The group step only reads an existing group: there it leads with that read.
        const command = step.kind === 'group' && plan.gmsa?.group.mode === 'existing' ? 'Get-ADGroup' : step.command;
        for (const problem of previewProblems(step.preview(plan).text, command)) {
          findings.push({ plan: name, step: step.id, problem });
        }
      }
    }
    // Every kind of step was seen (the account's own, the rights, every workload kind's).
    for (const kind of [
      'kds-root-key',
      'group',
      'group-members',
      'account',
      'smsa-link',
      'refresh-ticket',
      'install',
      'test',
      'copy-groups',
      'move-spns',
      'file-access',
      'batch-right',
      'service-right',
      'scheduled-task',
      'service-account',
      'app-pool-identity',
    ]) {
      assert.ok(kinds.has(kind), `no plan has a ${kind} step`);
    }
    const distinct = [...new Map(findings.map((f) => [`${f.step.replace(/@.*/, '')}: ${f.problem}`, f])).values()];
    assert.deepEqual(
      distinct.map((f) => `${f.plan} / ${f.step}: ${f.problem}`),
      [],
    );
  });

  it('finds what it is meant to find: a splat 30 lines down, helpers twice, a duplicated line', () => {
    const helpers = '#region Helpers (defined once; the step follows)\nfunction A { 1 }\n#endregion';
    const late = `${helpers}\n# ---- t ----\n${'$x = 1\n'.repeat(1)}${Array.from({ length: 12 }, (_, i) => `$v${i} = ${i}`).join('\n')}\nNew-ADGroup @params -PassThru`;
    assert.match(previewProblems(late, 'New-ADGroup').join(' '), /visible line 16/);
    const splat = `${helpers}\n# ---- t ----\nNew-ADGroup @params`;
    assert.match(previewProblems(splat, 'New-ADGroup').join(' '), /no named parameter|splatted/);
    const twice = `${helpers}\n${helpers}\n# ---- t ----\nNew-ADGroup -Name 'x'`;
    assert.match(previewProblems(twice, 'New-ADGroup').join(' '), /2 helper regions/);
    const dup = `${helpers}\n# ---- t ----\n$wantedDns = $null\n$wantedDns = $null\nNew-ADGroup -Name 'x'`;
    assert.match(previewProblems(dup, 'New-ADGroup').join(' '), /written 2 times: \$wantedDns = \$null/);
    assert.deepEqual(previewProblems(`${helpers}\n# ---- t ----\nNew-ADGroup -Name 'x' -PassThru`, 'New-ADGroup'), []);
  });
});
