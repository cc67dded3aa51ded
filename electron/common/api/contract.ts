// The one API contract between the UI and the core: every method the renderer can call, with zod schemas for its
// input and output, and the events the core pushes (live PowerShell output). Both transports — Electron IPC
// (preload + main) and the loopback lab host (HTTP) — validate against these same schemas at the boundary.
// No method takes PowerShell: the renderer names an operation, never a script.
import { z } from 'zod';
import { MAX_ANSWERS_BYTES } from '../answers/limits.js';
import { discoveredUseSchema } from '../audit/input.js';
import { auditReportSchema, reportFormatSchema } from '../audit/types.js';
import { discoverProgressSchema, discoverScopeSchema, discoveryReportSchema } from '../discover/types.js';
import { computerNameSchema } from '../plan/plan-schema.js';

/** The renderer reads a picked answers file as the CLI does: too large refused unread, not UTF-8 refused by line. */
export { answersFileText, answersFileTooLarge } from '../answers/file-bytes.js';

const empty = z.object({}).strict();

export const appInfoSchema = z.object({
  name: z.literal('MSA Wizard'),
  version: z.string(),
  /** 'practice' runs against a lab domain; 'real' against the machine's own domain. */
  mode: z.enum(['practice', 'real']),
  transport: z.enum(['electron-ipc', 'lab-host']),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const scriptPreviewSchema = z.object({
  /** Which operation this is, e.g. 'environment.probe'. */
  operation: z.string(),
  title: z.string(),
  /** The exact PowerShell that runs, as the PowerShell panel shows and copies it. */
  script: z.string(),
});
export type ScriptPreview = z.infer<typeof scriptPreviewSchema>;

export const environmentSchema = z.object({
  computer: z.string(),
  user: z.string(),
  domain: z.string().nullable(),
  elevated: z.boolean(),
  powershellVersion: z.string(),
  powershellEdition: z.string(),
  lab: z.object({ scenario: z.string(), domainController: z.string() }).nullable(),
});
export type EnvironmentInfo = z.infer<typeof environmentSchema>;

export const scenarioSchema = z.object({ name: z.string(), summary: z.string() });
export type ScenarioInfo = z.infer<typeof scenarioSchema>;

/** The prerequisite health check (electron/common/checks). */
export const checkStatusSchema = z.enum(['pass', 'warn', 'fail', 'unknown']);
export type CheckStatus = z.infer<typeof checkStatusSchema>;

export const CHECK_GROUPS = ['Host', 'Rights', 'Tools', 'Domain', 'KDS', 'Kerberos', 'Target'] as const;

/** One-click fixes the wizard can apply itself; anything else is a command or steps shown to the admin. */
export const FIX_IDS = [
  'install-rsat-feature',
  'install-rsat-capability',
  'kds-create-default',
  'kds-create-immediately',
  'kds-create-backdated',
  'refresh-computer-ticket',
] as const;
export const fixIdSchema = z.enum(FIX_IDS);
export type FixId = z.infer<typeof fixIdSchema>;

export const checkFixSchema = z.object({
  /** What the admin is told to do (or what the button does), in one or two sentences. */
  summary: z.string(),
  /** The exact command(s) behind the fix. */
  command: z.string(),
  /** One-click fixes, each with its own explanation (the KDS key offers three). */
  actions: z.array(
    z.object({
      id: fixIdSchema,
      label: z.string(),
      explanation: z.string(),
      /** When set, the admin must confirm this sentence before the fix runs (back-dating the KDS key). */
      acknowledgement: z.string().nullable(),
      /** The command the action runs, as an admin would type it ('Add-KdsRootKey'); '' when not given. */
      command: z.string().default(''),
      /**
       * When set, the action changes what no undo reverses (a forest-wide KDS root key): the wizard shows `command`
       * and this sentence, and asks before it runs.
       */
      confirm: z.string().nullable().default(null),
    }),
  ),
});
export type CheckFix = z.infer<typeof checkFixSchema>;

export const checkResultSchema = z.object({
  id: z.string(),
  group: z.enum(CHECK_GROUPS),
  title: z.string(),
  status: checkStatusSchema,
  /** What was found, in plain words. */
  found: z.string(),
  /** Why it matters for managed service accounts. */
  why: z.string(),
  /** The exact PowerShell an admin would run to check this by hand. */
  command: z.string(),
  fix: checkFixSchema.nullable(),
  /** The probe's raw output (or its error), for the expandable details. */
  raw: z.unknown(),
  ms: z.number(),
  /** When something pending becomes true (the KDS key becomes usable), ISO 8601: the screen counts down to it. */
  readyAt: z.string().nullable(),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

export const healthReportSchema = z.object({
  results: z.array(checkResultSchema),
  /** Wall time of the whole check, one round trip. */
  ms: z.number(),
  ranAt: z.string(),
});
export type HealthReport = z.infer<typeof healthReportSchema>;

/** sMSA/gMSA setup (electron/common/plan, electron/common/steps, electron/common/runs). */
export const planIssueSchema = z.object({ path: z.string(), message: z.string() });
export type PlanIssue = z.infer<typeof planIssueSchema>;

/**
 * The part of the setup a step belongs to, as the wizard's screens split it: 'account' (the directory steps: KDS key,
 * group, members, account, sMSA link), 'install' (ticket, install, test, on each host) and 'workload' (user rights and
 * each workload's steps: a task's registration and test run, a service's, an app pool's).
 */
export const stepStageSchema = z.enum(['account', 'install', 'workload']);
export type StepStage = z.infer<typeof stepStageSchema>;

/** What every step carries from its descriptor (electron/common/steps/descriptors.ts, workloads/): no table needed. */
const stepFacts = {
  id: z.string(),
  /** The descriptor's id: 'group', 'install', 'batch-right', 'scheduled-task', 'task-test-run', ... */
  kind: z.string(),
  title: z.string(),
  /** A short label for lists and the step bar ('Batch right', 'Test run'). */
  label: z.string(),
  /** The step's main command as an admin would type it ('New-ADServiceAccount', 'klist'); '' from an older journal. */
  command: z.string().default(''),
  /** The kinds of object the step can create (its descriptor's `creates`); none: it only checks or refreshes. */
  creates: z.array(z.string()).default([]),
  /** The exact script the step runs (the preview). */
  script: z.string(),
  /** 'host' steps run on a computer (ticket, install, test, rights, workloads); 'directory' steps change AD. */
  where: z.enum(['directory', 'host']),
  stage: stepStageSchema,
  /** The computer a host step runs on; null for directory steps. */
  host: z.string().nullable(),
  /** The workload a workload step serves (its id in the plan); null for the others (user rights included). */
  workloadId: z.string().nullable(),
  /** A workload step that reads or changes its workload's settings: a changed workload makes it due again. */
  settingsDependent: z.boolean(),
  /**
   * A host step of another computer than the target computer: it runs there through PowerShell remoting from the
   * wizard's computer (Invoke-Command -ComputerName; its script is that whole Invoke-Command, electron/common/remote/).
   */
  remote: z.boolean(),
};

export const stepPreviewSchema = z.object(stepFacts);
export type StepPreview = z.infer<typeof stepPreviewSchema>;

/** A created object's kind: a step descriptor's `creates` ('group', 'batch-right', 'scheduled-task', ...). */
export const createdObjectSchema = z.object({
  kind: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
  identity: z.string(),
  parent: z.string().optional(),
  /** What was there before a change the step made (e.g. a service's previous StartName), for undo. */
  previous: z.string().optional(),
});

/**
 * Where a step of a run stands: pending until it runs; 'running' when it is not running means it was cut off: its end
 * never reached the journal, or PowerShell never answered (timed out, or the session was lost): it may have done its work.
 */
export const runStepStatusSchema = z.enum(['pending', 'running', 'done', 'exists', 'conflict', 'failed']);
export type RunStepStatus = z.infer<typeof runStepStatusSchema>;

export const runStepSchema = z.object({
  ...stepFacts,
  status: runStepStatusSchema,
  message: z.string().nullable(),
  errorKind: z.string().nullable(),
  created: z.array(createdObjectSchema),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Things to fix that did not stop the step (e.g. the task's script is writable by non-administrators). */
  warnings: z.array(z.string()).default([]),
  /** The step's data for the UI (JSON, its kind's shape): a right's `{ gpo }`, task-test-run `{ testRun }`; null when none. */
  details: z.unknown().optional(),
});
/** A step of a run. The input side: `warnings` and `details` may be left out (a step that has not run). */
export type RunStep = z.input<typeof runStepSchema>;

export const undoActionSchema = z.object({
  stepId: z.string(),
  title: z.string(),
  created: z.array(createdObjectSchema),
  script: z.string(),
  status: z.enum(['pending', 'done', 'failed']),
  message: z.string().nullable(),
  /**
   * Of `created`, the objects an earlier run of this wizard created and set aside, which this run found and took
   * over (its journal is the evidence): undo removes them too, and says so.
   */
  inherited: z
    .array(
      z.object({
        object: createdObjectSchema,
        runId: z.string(),
        runStartedAt: z.string(),
        setAsideAt: z.string(),
      }),
    )
    .default([]),
});
export type UndoActionInfo = z.infer<typeof undoActionSchema>;

export const runSchema = z.object({
  runId: z.string(),
  createdAt: z.string(),
  /**
   * The plan as entered (the answers), so the form can be filled again on resume: the plan the run started with, its
   * workloads as set since with runs.setWorkload / runs.removeWorkload (then in `workloads`, version 2 form).
   */
  plan: z.record(z.string(), z.unknown()),
  accountType: z.enum(['gmsa', 'smsa']),
  /** The account's sAMAccountName (with $). */
  account: z.string(),
  targetComputer: z.string(),
  /** open: steps left or running; completed: every step done/exists; undone: undo finished; closed: set aside. */
  state: z.enum(['open', 'completed', 'undone', 'closed']),
  /**
   * A step was cut off: its end never reached the journal (the app closed or crashed), or PowerShell never answered
   * it. Run it again (it re-reads the directory) before going on or undoing.
   */
  interrupted: z.boolean(),
  steps: z.array(runStepSchema),
  /** Undo of what this run created, newest first; empty when it created nothing. */
  undo: z.array(undoActionSchema),
  warnings: z.array(z.string()),
  /** The journal file on disk. */
  journal: z.string(),
  /** When the run was set aside ("Change the plan", the resume banner's Set aside); null when it was not. */
  setAsideAt: z.string().nullable().default(null),
});
export type RunInfo = z.infer<typeof runSchema>;

/**
 * A run set aside, as runs.setAside lists it: what it created and what of it is undone. `takenOverBy`: a newer run
 * found its objects and took them over (its Undo all removes them too), so this run's own undo waits for that one.
 */
export const setAsideRunSchema = z.object({
  run: runSchema,
  takenOverBy: z
    .object({ runId: z.string(), createdAt: z.string(), state: runSchema.shape.state, objects: z.number().int() })
    .nullable(),
});
export type SetAsideRun = z.infer<typeof setAsideRunSchema>;

/**
 * A run journal the wizard cannot read: 'damaged' (a record that is not one, anywhere but a torn last line), 'newer'
 * (written by a newer MSA Wizard, in a journal format this one does not know) or 'unsupported' (its records read,
 * but another version of MSA Wizard wrote what they hold: a plan this version's rules refuse, or a step it does not
 * know). Its run may be open and may have changed the directory, so the admin is told (the file, the line, what to
 * do) instead of being offered an older run as if nothing happened.
 */
export const journalProblemSchema = z.object({
  kind: z.enum(['damaged', 'newer', 'unsupported']),
  file: z.string(),
  /** The line at fault, counting from 1 (null: the file as a whole). */
  line: z.number().int().positive().nullable(),
  title: z.string(),
  /** What is wrong, naming the file and the line. */
  message: z.string(),
  /** What to do. */
  action: z.string(),
});
export type JournalProblem = z.infer<typeof journalProblemSchema>;

const planInput = z.object({ plan: z.record(z.string(), z.unknown()) }).strict();
const runIdInput = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'Not a run id.');

export const directoryEntrySchema = z.object({ name: z.string(), dn: z.string() });
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;

/**
 * One entry of a workload kind's picker (its existing services, pools, ... on the computer the wizard runs on), in
 * one shape for every kind (the kind's picker decodes its own script's answer into it: workloads/<kind>/list.ts).
 */
export const hostItemSchema = z.object({
  /** What the form's name field takes: 'ReportSvc', 'DefaultAppPool'. */
  name: z.string(),
  /** A second name when the kind has one ('Contoso Report Service'), else ''. */
  detail: z.string(),
  /** What it runs as now, in the kind's words: 'LocalSystem', 'CONTOSO\\bob', 'ApplicationPoolIdentity'. */
  runsAs: z.string(),
  /** 'Running', 'Started', 'Stopped', ... */
  state: z.string(),
  /** It runs as a user account: undo could not put that account back (the wizard never handles its password). */
  needsPassword: z.boolean(),
});
export type HostItem = z.infer<typeof hostItemSchema>;

/** A picker's list: the computer it was read on, and its items (none, with the reason, when the kind is not there). */
export const hostItemsSchema = z.object({
  computer: z.string(),
  /** false: the kind cannot be listed here (IIS or its scripting tools not installed); `unavailable` says why. */
  available: z.boolean(),
  unavailable: z.string().optional(),
  items: z.array(hostItemSchema),
});
export type HostItems = z.infer<typeof hostItemsSchema>;

export const API = {
  'app.info': { input: empty, output: appInfoSchema },
  'environment.preview': { input: empty, output: scriptPreviewSchema },
  'environment.probe': { input: empty, output: environmentSchema },
  'lab.scenarios': { input: empty, output: z.array(scenarioSchema) },
  'checks.preview': { input: empty, output: scriptPreviewSchema },
  /** Runs every check (or only the listed ids) in one round trip. */
  'checks.run': {
    input: z
      .object({
        only: z.array(z.string().max(64)).max(64).optional(),
        /** The plan's workloads: each kind's own checks join in (IIS for an app pool, the service's existence). */
        workloads: z
          .array(
            z
              .object({
                kind: z.string().max(32),
                host: z.string().max(15),
                settings: z.record(z.string(), z.unknown()),
              })
              .strict(),
          )
          .max(64)
          .optional(),
      })
      .strict(),
    output: healthReportSchema,
  },
  /** Applies a one-click fix, then re-runs the checks it affects. */
  'checks.fix': {
    input: z.object({ fix: fixIdSchema, acknowledged: z.boolean().optional() }).strict(),
    output: z.object({ applied: z.string(), report: healthReportSchema }),
  },
  /** Validates a plan (the same zod rules as the form) and returns every step's exact script; changes nothing. */
  'plan.steps': {
    input: planInput,
    output: z.object({ steps: z.array(stepPreviewSchema), warnings: z.array(z.string()) }),
  },
  /** Is the account name free? Looks the sAMAccountName up in AD (read-only). */
  'directory.checkName': {
    input: z.object({ name: z.string().max(64) }).strict(),
    output: z.object({
      sam: z.string(),
      available: z.boolean(),
      holder: z.object({ dn: z.string(), objectClass: z.string() }).nullable(),
      /** Where it looked: the global catalog (whole forest) or, when none answered, this domain only. */
      scope: z.enum(['forest', 'domain']),
    }),
  },
  /** Which SPNs some other object already holds (duplicates break Kerberos). */
  'directory.checkSpns': {
    input: z.object({ spns: z.array(z.string().max(256)).max(50), account: z.string().max(64).optional() }).strict(),
    output: z.array(z.object({ spn: z.string(), holder: z.string() })),
  },
  /**
   * Search computers, groups or OUs by name for the pickers (at most 50). `exact`: only the object named `text` (its
   * name or sAMAccountName, a computer's `text$`), the check on Add that a 50-entry search could miss.
   */
  'directory.search': {
    input: z
      .object({ kind: z.enum(['computer', 'group', 'ou']), text: z.string().max(64), exact: z.boolean().optional() })
      .strict(),
    output: z.array(directoryEntrySchema),
  },
  /**
   * A workload kind's picker list: its existing objects (services, pools, ...) on the computer the wizard runs on
   * (read-only, one round trip). BadInput for a kind without a picker.
   */
  'host.items': { input: z.object({ kind: z.string().max(64) }).strict(), output: hostItemsSchema },
  /**
   * Is the path a file, a folder, or missing on the computer (read-only Test-Path: here in the session, another computer
   * through one Invoke-Command)? The task form asks it on Add. `exists` null: the computer could not be asked (why).
   */
  'host.testPath': {
    input: z.object({ computer: z.string().max(64), path: z.string().max(300) }).strict(),
    output: z.object({
      computer: z.string(),
      path: z.string(),
      exists: z.boolean().nullable(),
      kind: z.enum(['file', 'folder']).nullable(),
      unreachable: z.string().nullable(),
    }),
  },
  /** The whole plan as ONE self-contained PowerShell script (what `msa-wizard plan` prints), to save and run elsewhere. */
  'plan.export': {
    input: planInput,
    output: z.object({ text: z.string(), fileName: z.string() }),
  },
  /** The answers file of a plan (versioned JSON; `msa-wizard apply --answers` takes it). */
  'answers.text': {
    input: planInput,
    output: z.object({ text: z.string(), fileName: z.string() }),
  },
  /** Reads an answers file's text: the plan it holds, or BadInput with each problem's field (issues[].path). */
  'answers.parse': {
    input: z.object({ text: z.string().max(MAX_ANSWERS_BYTES, 'An answers file is at most 1 MiB.') }).strict(),
    output: z.object({ plan: z.record(z.string(), z.unknown()) }),
  },
  /**
   * The run to resume: the newest one still open (the app was closed or crashed). Or, when a journal newer than it
   * cannot be read, that journal (`unreadable`, and no run): an older run is not offered in its place.
   */
  'runs.current': {
    input: empty,
    output: z.object({ run: runSchema.nullable(), unreadable: journalProblemSchema.optional() }),
  },
  /** Starts a run of a plan: writes the journal, runs nothing. A saved plan can be resumed later the same way. */
  'runs.start': { input: planInput, output: runSchema },
  /** Runs one step (the next pending one, or a failed/conflicting one again). */
  'runs.step': { input: z.object({ runId: runIdInput, stepId: z.string().max(64) }).strict(), output: runSchema },
  /** Runs the remaining steps (of one kind and/or stage, if given) in order; stops at the first conflict or failure. */
  'runs.all': {
    input: z
      .object({ runId: runIdInput, where: z.enum(['directory', 'host']).optional(), stage: stepStageSchema.optional() })
      .strict(),
    output: runSchema,
  },
  /**
   * Adds a workload to a run after it started (the account is set up first, its workloads on a later screen), or
   * replaces the one with the same id, while none of its own steps has changed anything (a workload's lock: see
   * workloadLockReason). The workload is checked as part of the whole plan: a bad one is BadInput with each problem's
   * plan path (issues[].path, e.g. workloads.0.settings.action.path). Without an id it gets its kind's next free one.
   */
  'runs.setWorkload': {
    input: z
      .object({
        runId: runIdInput,
        workload: z
          .object({
            id: z.string().max(32).optional(),
            kind: z.string().max(40),
            host: z.string().max(64).optional(),
            settings: z.record(z.string(), z.unknown()),
          })
          .strict(),
      })
      .strict(),
    output: runSchema,
  },
  /** Takes a workload out of a run, under the same lock, and not once a right it alone needed was granted. */
  'runs.removeWorkload': {
    input: z.object({ runId: runIdInput, workloadId: z.string().max(32) }).strict(),
    output: runSchema,
  },
  /** Undoes what the run created: the newest pending undo action, or all of them. */
  'runs.undo': { input: z.object({ runId: runIdInput, all: z.boolean().optional() }).strict(), output: runSchema },
  /** Sets an open run aside: it is no longer offered for resume (nothing in AD changes). */
  'runs.close': { input: z.object({ runId: runIdInput }).strict(), output: runSchema },
  /** The runs set aside, newest first, with what each created and what of it is undone (each can be undone, in order). */
  'runs.setAside': { input: empty, output: z.object({ runs: z.array(setAsideRunSchema) }) },
  /**
   * Finds what runs as which account (scheduled tasks, services, IIS app pools) on this computer, the listed computers
   * and an OU's computers, read-only, and judges each use (electron/common/discover): one sweep script (one
   * Invoke-Command for every other host) and one account query per domain. Progress: `discover-progress` events.
   */
  'discover.run': {
    // A computer is a NetBIOS name, as the plan takes it: the schema's message says what to change.
    input: discoverScopeSchema.extend({ computers: z.array(computerNameSchema).max(1000).optional() }).strict(),
    output: discoveryReportSchema,
  },
  /**
   * Plans the move of a user account's jobs to a gMSA (electron/common/adopt): discovery on the computers (none: this
   * computer), the old account's rights on its jobs' files (one more read-only script), then the plan: a gMSA whose
   * group holds every host, its groups copied except privileged ones (listed with why), its SPNs moved, its file
   * rights, each job re-pointed. Read-only: the plan opens in the forms like Open answers. Pick the account, or one
   * job (task as \\Folder\\Name, service, app pool) with the computer it is on.
   */
  'discover.adopt': {
    input: z
      .object({
        account: z.string().min(1).max(300).optional(),
        computers: z.array(z.string().min(1).max(255)).max(1000).optional(),
        computer: z.string().min(1).max(255).optional(),
        task: z.string().min(1).max(500).optional(),
        service: z.string().min(1).max(256).optional(),
        appPool: z.string().min(1).max(256).optional(),
        gmsa: z.string().min(1).max(16).optional(),
      })
      .strict(),
    output: z.object({
      /** The plan (answers version 2's `plan`), as Open answers takes it. */
      plan: z.record(z.string(), z.unknown()),
      /** What was left out and why (beyond the plan's own notCopied). */
      notes: z.array(z.string()),
      /** The old account's checklist (adopt/old-account-checklist.ts): never done by the wizard. */
      checklist: z.array(z.object({ title: z.string(), why: z.string(), command: z.string(), where: z.string() })),
    }),
  },
  /** The audit's one read-only script, as the PowerShell panel shows it before it runs. */
  'audit.preview': { input: empty, output: scriptPreviewSchema },
  /**
   * The managed-accounts inventory and security audit (electron/common/audit): ONE read-only script reads every sMSA,
   * gMSA and dMSA, who may retrieve or take their passwords, the KDS root keys, the OUs' ACLs (BadSuccessor) and the
   * user accounts that run services, in a fixed number of directory queries; each finding with its evidence and fix.
   * `usedBy`: what a discovery sweep found (each use with the account it runs as), merged into the accounts' usedBy.
   */
  'audit.run': {
    input: z.object({ usedBy: z.array(discoveredUseSchema).max(20_000).optional() }).strict(),
    output: auditReportSchema,
  },
  /** The report as a file's text (Markdown, HTML, CSV) and the name it is saved as; nothing is written here. */
  'audit.export': {
    input: z.object({ format: reportFormatSchema, report: auditReportSchema }).strict(),
    output: z.object({ text: z.string(), fileName: z.string() }),
  },
} as const;

export type ApiMethod = keyof typeof API;
export type ApiInput<M extends ApiMethod> = z.input<(typeof API)[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.output<(typeof API)[M]['output']>;
export const API_METHODS = Object.keys(API) as ApiMethod[];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(API, name);
}

/** Why a call failed, in words the UI shows as they are. `kind` is a PsErrorKind or a transport-level reason. */
export const apiErrorSchema = z.object({
  kind: z.string(),
  title: z.string(),
  action: z.string(),
  message: z.string(),
  /** For bad plans: each problem with the field it belongs to (dotted path, e.g. gmsa.group.name). */
  issues: z.array(planIssueSchema).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** What every call answers, on both transports. */
export const apiResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: apiErrorSchema }),
]);
export type ApiResult = z.infer<typeof apiResultSchema>;

/** Pushed by the core while an operation runs: the PowerShell panel's live output, and a waiting step's progress. */
export const apiEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run-started'), runId: z.string(), operation: z.string(), script: z.string() }),
  z.object({
    type: z.literal('output'),
    runId: z.string(),
    stream: z.enum(['output', 'warning', 'error', 'information']),
    text: z.string(),
  }),
  z.object({ type: z.literal('run-finished'), runId: z.string(), ok: z.boolean(), ms: z.number() }),
  /**
   * While a step waits (the task's test run polls the task): how long it has waited, its limit, and the state last
   * read ('Running', 'Ready', ...). runId here is the setup run's id (RunInfo.runId), not a PowerShell operation's.
   */
  z.object({
    type: z.literal('step-progress'),
    runId: z.string(),
    stepId: z.string(),
    elapsedMs: z.number(),
    timeoutMs: z.number(),
    state: z.string(),
  }),
  /** While discover.run runs: each host as its answer (or its error) arrives, then each domain's accounts. */
  z.object({ type: z.literal('discover-progress'), ...discoverProgressSchema.shape }),
]);
export type ApiEvent = z.infer<typeof apiEventSchema>;

/** The renderer's view of the API, identical over both transports (window.msaWizard in Electron). */
export interface MsaWizardApi {
  invoke<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiResult>;
  /** Subscribes to core events; returns the unsubscribe function. */
  onEvent(listener: (event: ApiEvent) => void): () => void;
}
