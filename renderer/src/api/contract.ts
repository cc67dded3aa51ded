// The one door from the renderer to electron/: the API contract (types and zod schemas, no Node, no Electron).
// Every other renderer file imports the contract from here. zodConfig must stay the first import (see there).
import './zodConfig';

export {
  API,
  answersFileText,
  answersFileTooLarge,
  apiEventSchema,
  apiResultSchema,
  CHECK_GROUPS,
  FIX_IDS,
  type ApiError,
  type ApiEvent,
  type ApiInput,
  type ApiMethod,
  type ApiOutput,
  type ApiResult,
  type AppInfo,
  type CheckFix,
  type CheckResult,
  type CheckStatus,
  type DirectoryEntry,
  type PlanIssue,
  type RunInfo,
  type RunStep,
  type RunStepStatus,
  type StepPreview,
  type UndoActionInfo,
  type EnvironmentInfo,
  type FixId,
  type JournalProblem,
  type HealthReport,
  type MsaWizardApi,
  type ScriptPreview,
} from '../../../electron/common/api/contract';

// The plan's zod rules, so the form rejects bad input as it is typed with the same messages the core gives.
export {
  accountNameSchema,
  BROAD_PRINCIPALS,
  computerNameSchema,
  descriptionSchema,
  dnSchema,
  dnsHostNameSchema,
  ENCRYPTION_TYPES,
  GROUP_SCOPES,
  groupNameSchema,
  migrationSchema,
  planSchema,
  planWarnings,
  spnSchema,
  type EncryptionType,
  type Plan,
  type PlanInput,
} from '../../../electron/common/plan/plan-schema';

// The scheduled task's zod rules and words (Use the account screen), and the shapes of what its steps report.
export {
  DAYS_OF_WEEK,
  DEFAULT_DAILY_AT,
  DEFAULT_STOP_AFTER_MINUTES,
  HIGHEST_PRIVILEGES_WHY,
  describeTrigger,
  taskSettingsSchema,
  type DayOfWeek,
  type TaskSettings,
  type TaskSettingsInput,
} from '../../../electron/common/workloads/scheduled-task/task-schema';
export {
  ENABLE_HISTORY_COMMAND,
  describeTaskProgress,
  taskLockReason,
  planTaskInput,
  taskProgressParts,
  type GpoInstruction,
  type StepDetails,
  type TestRunReport,
} from '../../../electron/common/workloads/scheduled-task/task-types';

// The workload kinds' settings sides (Use the account screen): the kinds in the registry's order, their labels and
// one-line descriptions, the service's and the app pool's zod rules and words, and the lock rule the core applies.
export {
  WORKLOAD_KIND_NAMES,
  WORKLOAD_SETTINGS,
  settingsKindOf,
  type WorkloadKindName,
} from '../../../electron/common/workloads/kinds';
export { workloadLockReason } from '../../../electron/common/workloads/lock';
export {
  NO_RESTORE_WHY as SERVICE_NO_RESTORE_WHY,
  START_TYPES,
  binaryExecutable,
  serviceSettingsSchema,
  type ServiceSettingsInput,
  type StartType,
} from '../../../electron/common/workloads/service/settings';
export {
  NO_RESTORE_WHY as APP_POOL_NO_RESTORE_WHY,
  PIPELINE_MODES,
  RUNTIME_VERSIONS,
  appPoolSettingsSchema,
  runtimeWords,
  type AppPoolSettingsInput,
  type PipelineMode,
  type RuntimeVersion,
} from '../../../electron/common/workloads/app-pool/settings';
export {
  IN_PLACE_NO_RESTORE_WHY,
  existingTaskSettingsSchema,
  type ExistingTaskSettingsInput,
} from '../../../electron/common/workloads/existing-task/settings';
export type { HostItem, HostItems } from '../../../electron/common/api/contract';

// Find what runs as users (the discovery's report and verdicts) and move it to a managed account.
export {
  AT_RISK as DISCOVER_AT_RISK,
  type AccountFacts,
  type AccountSummary,
  type DiscoverProgress,
  type DiscoverScope,
  type DiscoveryReport,
  type Finding,
  type HostProblem,
  type Verdict as DiscoverVerdict,
} from '../../../electron/common/discover/types';
export {
  oldAccountChecklist,
  type ChecklistItem,
  type ChecklistInput,
} from '../../../electron/common/adopt/old-account-checklist';

// The managed accounts audit: the inventory, the findings (named apart from discovery's) and the formats.
export {
  REPORT_FORMATS,
  SEVERITIES,
  SEVERITY_WORDS,
  severityCounts,
  SUBJECT_KIND_WORDS,
  type AccountUse,
  type AuditReport,
  type Finding as AuditFinding,
  type InventoryAccount,
  type ReportFormat,
  type Retriever,
  type Severity,
} from '../../../electron/common/audit/types';

// A script's `#region` blocks, folded by the PowerShell panel (the shared helpers behind "Show helpers").
export { splitRegions, visibleText, type ScriptPart } from '../../../electron/common/powershell/regions';

// Dates and spans in the admin's words: the core's formatter (pure, Intl only), so screens and the core's messages agree.
export {
  formatAbsolute,
  formatDuration,
  formatMinutes,
  formatWhen,
  type WhenOptions,
} from '../../../electron/common/when';
