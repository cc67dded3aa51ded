// Every script the app can produce, as samples, so tests can check them all for Windows PowerShell 5.1
// compatibility (see test/powershell/ps51-syntax.test.ts). Each family of scripts adds a `samples()` here when it
// lands: steps, checks and the exported plan. Files (*.ps1, *.psm1) under electron/ are scanned directly.
import { readdirSync, readFileSync } from 'node:fs';
import { parseAnswersText } from '../../electron/common/answers/answers-schema.js';
import { FIXES } from '../../electron/common/checks/fixes.js';
import { planScript } from '../../electron/common/export/plan-script.js';
import { healthCheckScript } from '../../electron/common/checks/run.js';
import { BOOTSTRAP_TEXT, HELLO_SCRIPT, bootstrapLine, requestLine } from '../../electron/common/powershell/envelope.js';
import { ELEVATION_CHECK, restartElevatedScript } from '../../electron/common/probes/elevation.js';
import { accountNameScript } from '../../electron/common/directory/name.js';
import { searchScript } from '../../electron/common/directory/search.js';
import { APP_POOL_LIST_SCRIPT } from '../../electron/common/workloads/app-pool/list.js';
import { SERVICE_LIST_SCRIPT } from '../../electron/common/workloads/service/list.js';
import { spnHoldersScript } from '../../electron/common/directory/spns.js';
import { parsePlan } from '../../electron/common/plan/plan-schema.js';
import { surveyScript } from '../../electron/common/runs/survey.js';
import { taskScriptSamples } from '../task/task-samples.js';
import { planSteps } from '../../electron/common/steps/plan-steps.js';
import { ENVIRONMENT_PROBE } from '../../electron/common/probes/environment.js';
import { auditScript } from '../../electron/common/audit/script.js';
import { jsonPayload, ps, PsScript } from '../../electron/common/powershell/script.js';

export interface ScriptSample {
  readonly name: string;
  readonly script: PsScript;
}

function coreSamples(): ScriptSample[] {
  const everyValueKind = ps`Write-Output ${"it's"} ${-3} ${1.5} ${true} ${null} ${new Date(0)} ${['a']} ${['a', 'b']} ${{
    k: [1, { n: 'v' }],
  }} ${jsonPayload({ a: [1] })}`;
  return [
    { name: 'session bootstrap', script: PsScript.fromTrustedSource(BOOTSTRAP_TEXT) },
    { name: 'bootstrap line', script: PsScript.fromTrustedSource(bootstrapLine(BOOTSTRAP_TEXT)) },
    { name: 'request line', script: PsScript.fromTrustedSource(requestLine('r-1', HELLO_SCRIPT)) },
    { name: 'hello', script: HELLO_SCRIPT },
    { name: 'builder: every value kind', script: everyValueKind },
  ];
}

function probeSamples(): ScriptSample[] {
  return [
    { name: 'environment probe', script: ENVIRONMENT_PROBE },
    { name: 'elevation check', script: ELEVATION_CHECK },
    {
      name: 'restart elevated',
      script: restartElevatedScript('C:\\Program Files\\MSA Wizard\\MSA Wizard.exe', ['--x']),
    },
  ];
}

/** The prerequisite health check (every probe in one script) and its one-click fixes. */
function checkSamples(): ScriptSample[] {
  return [
    { name: 'health check (every check)', script: healthCheckScript() },
    { name: 'health check (a gMSA chosen)', script: healthCheckScript({ gmsa: "gmsa-web'; x" }) },
    ...Object.values(FIXES).map((fix) => ({ name: `health check fix ${fix.id}`, script: fix.script })),
  ];
}

/** The sMSA/gMSA setup steps: every step's script and its undo, for a gMSA (new and existing group) and an sMSA. */
function stepSamples(): ScriptSample[] {
  const base = { name: 'svc-web', description: "it's $(x)", spns: ['HTTP/web01.contoso.com'], targetComputer: 'WEB01' };
  const plans = [
    parsePlan({
      ...base,
      accountType: 'gmsa',
      kdsRootKey: 'backdated',
      ouPath: 'OU=Service Accounts,DC=contoso,DC=com',
      gmsa: {
        group: { mode: 'new', name: 'gMSA-Web-Hosts', path: 'OU=Service Groups,DC=contoso,DC=com' },
        computers: ['WEB01', 'APP01'],
      },
    }),
    parsePlan({
      ...base,
      accountType: 'gmsa',
      gmsa: { group: { mode: 'existing', name: 'Web-Hosts' }, computers: [] },
    }),
    parsePlan({ ...base, accountType: 'smsa', smsa: { computer: 'WEB01' } }),
  ];
  const dn = 'CN=x,DC=contoso,DC=com';
  const created = [
    { kind: 'group', identity: dn },
    { kind: 'group-member', identity: dn, parent: dn },
    { kind: 'service-account', identity: dn },
    { kind: 'smsa-link', identity: dn, parent: dn },
    { kind: 'installed-account', identity: 'svc-web$', parent: 'WEB01' },
  ] as const;
  return plans.flatMap((plan, i) => [
    { name: `run survey (plan ${i})`, script: surveyScript(plan) },
    ...planSteps(plan).flatMap((step) => [
      { name: `step ${step.id} (plan ${i})`, script: step.preview(plan) },
      { name: `step ${step.id} judge (plan ${i})`, script: step.judge(plan) },
      { name: `step ${step.id} undo (plan ${i})`, script: step.undo(created) },
    ]),
  ]);
}

/** The read-only directory lookups behind the account form. */
function directorySamples(): ScriptSample[] {
  return [
    { name: 'directory: is the name free', script: accountNameScript('svc-web') },
    { name: 'directory: SPN holders', script: spnHoldersScript(['HTTP/web01.contoso.com', 'MSSQLSvc/sql01:1433']) },
    ...(['computer', 'group', 'ou'] as const).map((kind) => ({
      name: `directory: search ${kind}`,
      script: searchScript(kind, "we*b'); x"),
    })),
    // The Use the account screen's pickers (read-only).
    { name: 'host: services', script: SERVICE_LIST_SCRIPT },
    { name: 'host: application pools', script: APP_POOL_LIST_SCRIPT },
  ];
}

/** The exported plan script (msa-wizard plan) for every example answers file, and an sMSA with a task. */
function planScriptSamples(): ScriptSample[] {
  // Every example answers file (smsa, gmsa-scheduled-task, gmsa-service, gmsa-iis-app-pool, gmsa-web-farm, and any
  // added later): each holds different kinds' steps and host sections.
  const examples = readdirSync(new URL('../../assets/examples/', import.meta.url))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => f.replace(/\.json$/, ''))
    .map((name) => {
      const text = readFileSync(new URL(`../../assets/examples/${name}.json`, import.meta.url), 'utf8');
      const { plan, input } = parseAnswersText(text);
      return {
        name: `plan script: assets/examples/${name}.json`,
        script: PsScript.fromTrustedSource(planScript(plan, { input })),
      };
    });
  const smsaWithTask = parsePlan({
    accountType: 'smsa',
    name: 'svc-app',
    description: "it's $(x) \u2019 #> <#",
    smsa: { computer: 'WEB01' },
    targetComputer: 'WEB01',
    task: {
      name: 'Weekly',
      action: { kind: 'program', path: 'C:\\Tools\\r.exe', arguments: "'$(y)'" },
      trigger: { kind: 'weekly', days: ['Monday'] },
    },
  });
  return [
    ...examples,
    { name: 'plan script: sMSA with a task', script: PsScript.fromTrustedSource(planScript(smsaWithTask)) },
  ];
}

/** All script samples the app can produce today. */
export function allScriptSamples(): ScriptSample[] {
  return [
    ...coreSamples(),
    ...probeSamples(),
    ...checkSamples(),
    ...stepSamples(),
    ...directorySamples(),
    ...taskScriptSamples(),
    ...planScriptSamples(),
    // The managed-accounts audit (issue 17): one read-only script.
    { name: 'audit', script: auditScript() },
  ];
}
