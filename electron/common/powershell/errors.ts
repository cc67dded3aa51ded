// PowerShell errors mapped to what the UI can explain, in the style of GitHub Desktop's lib/git error table.
//
// Keys are the FullyQualifiedErrorId (FQID) and the exception's .NET type, never the message: messages are
// localized on non-English domain controllers, FQIDs are not. FQIDs alone are not unique in meaning
// (`ActiveDirectoryServer:0,...` is "server down", "unwilling to perform" and "unspecified error"), so rules that
// need it also name the exception type. Comparisons ignore case: ScheduledTasks prints HRESULTs in lower case.
//
// Sources: error output seen in public scripts, issues and Microsoft Learn, collected when this table was written.
// Rules marked (inferred) have not been seen verbatim; the lab domain raises exactly these ids.
import type { PsErrorInfo } from './envelope.js';
import { PowerShellNotFoundError } from './executable.js';
import { PsCommandError, SessionError } from './session-errors.js';

export enum PsErrorKind {
  KdsRootKeyMissing = 'KdsRootKeyMissing',
  AlreadyExists = 'AlreadyExists',
  NotFound = 'NotFound',
  AccessDenied = 'AccessDenied',
  ServerUnavailable = 'ServerUnavailable',
  ModuleMissing = 'ModuleMissing',
  InstallServiceAccountFailed = 'InstallServiceAccountFailed',
  NameTooLong = 'NameTooLong',
  InvalidName = 'InvalidName',
  AccountNotMapped = 'AccountNotMapped',
  TaskNotFound = 'TaskNotFound',
  BadParameter = 'BadParameter',
  Timeout = 'Timeout',
  SessionLost = 'SessionLost',
  PowerShellUnavailable = 'PowerShellUnavailable',
  RemotingFailed = 'RemotingFailed',
  RemotingLost = 'RemotingLost',
  LanguageRestricted = 'LanguageRestricted',
  Unknown = 'Unknown',
}

export interface ErrorRule {
  readonly kind: PsErrorKind;
  /** Matches the FQID (case-insensitive). */
  readonly fqid?: RegExp;
  /** Matches the outer or innermost exception type, full name. */
  readonly type?: RegExp;
  readonly hresult?: number;
}

const AD = 'Microsoft\\.ActiveDirectory\\.Management';
const i = (source: string): RegExp => new RegExp(source, 'i');

/** First matching rule wins; order the specific before the general. */
export const ERROR_RULES: readonly ErrorRule[] = [
  // "Key does not exist": NTE_NO_KEY (0x8009000D) from New-ADServiceAccount when no KDS root key is usable. (inferred id)
  { kind: PsErrorKind.KdsRootKeyMissing, hresult: -2146893811 },
  { kind: PsErrorKind.KdsRootKeyMissing, fqid: i('^ActiveDirectoryServer:-2146893811,') },
  // PowerShell in Constrained Language Mode (an enforced AppLocker or WDAC policy) refuses the wizard's code: Add-Type
  // (CannotDefineNewType), New-Object of a non-core type, .NET methods; the user-rights helpers stop with
  // MsaAddTypeBlocked before anything changes, also when a policy blocks the compiled code in FullLanguage
  // (../workloads/shared/user-rights.ts).
  {
    kind: PsErrorKind.LanguageRestricted,
    fqid: i(
      '^(MsaAddTypeBlocked|CannotDefineNewType|CannotCreateTypeConstrainedLanguage|MethodInvocationNotSupportedInConstrainedLanguage)(,|$)',
    ),
  },
  // Invoke-Command could not connect to another host (WinRM's reasons, ../remote/problems.ts): the script never ran
  // there. Any other broken remote session may have broken while the script ran: it is cut off, as a lost session.
  {
    kind: PsErrorKind.RemotingFailed,
    fqid: i(
      '^(NetworkPathNotFound|ComputerNotFound|CannotConnect|WinRMOperationTimeout|AccessDenied|ServerNotTrusted),PSSessionStateBroken$',
    ),
  },
  { kind: PsErrorKind.RemotingLost, fqid: i(',PSSessionStateBroken$') },
  { kind: PsErrorKind.RemotingLost, type: i('PSRemotingTransportException$') },
  { kind: PsErrorKind.InstallServiceAccountFailed, fqid: i('^InstallADServiceAccount:PerformOperation:') },
  // 1316 account exists, 1318 group exists (inferred), 8305 name already in use in the container.
  { kind: PsErrorKind.AlreadyExists, fqid: i('^ActiveDirectoryServer:(1316|1318|8305),') },
  { kind: PsErrorKind.AlreadyExists, type: i(`^${AD}\\.ADIdentityAlreadyExistsException$`) },
  { kind: PsErrorKind.AlreadyExists, fqid: i('^HRESULT 0x800700b7,') },
  { kind: PsErrorKind.NotFound, type: i(`^${AD}\\.ADIdentityNotFoundException$`) },
  { kind: PsErrorKind.TaskNotFound, fqid: i('^CmdletizationQuery_NotFound') },
  // ERROR_FILE_NOT_FOUND from a cmdlet that names an existing task (Start-, Set-, Enable-ScheduledTask ...).
  { kind: PsErrorKind.TaskNotFound, fqid: i('^HRESULT 0x80070002,\\w+-ScheduledTask') },
  { kind: PsErrorKind.AccessDenied, fqid: i('^ActiveDirectoryServer:8344,') },
  { kind: PsErrorKind.AccessDenied, fqid: i('^HRESULT 0x80070005,') },
  { kind: PsErrorKind.AccessDenied, type: i('^System\\.UnauthorizedAccessException$') },
  { kind: PsErrorKind.ServerUnavailable, type: i(`^${AD}\\.ADServerDownException$`) },
  { kind: PsErrorKind.ModuleMissing, fqid: i('^Modules_ModuleNotFound,') },
  { kind: PsErrorKind.ModuleMissing, fqid: i('^CommandNotFoundException') },
  { kind: PsErrorKind.AccountNotMapped, fqid: i('^HRESULT 0x80070534,') },
  // sAMAccountName over 15 characters (gMSA/sMSA) is an ArgumentException from New-ADServiceAccount. (inferred id)
  {
    kind: PsErrorKind.NameTooLong,
    fqid: i('^ActiveDirectoryCmdlet:System\\.ArgumentException,.*NewADServiceAccount$'),
  },
  // 8335 bad DN syntax, 1315 not a properly formed account name. (1315 inferred)
  { kind: PsErrorKind.InvalidName, fqid: i('^ActiveDirectoryServer:(8335|1315),') },
  {
    kind: PsErrorKind.BadParameter,
    fqid: i(
      '^(NamedParameterNotFound|MissingMandatoryParameter|ParameterArgumentValidationError|CannotConvertArgument\\w*|AmbiguousParameterSet|PositionalParameterNotFound)(,|$)',
    ),
  },
];

/** What the UI says for each kind: what happened, and what to change. */
export const ERROR_EXPLANATIONS: Readonly<Record<PsErrorKind, { title: string; action: string }>> = {
  KdsRootKeyMissing: {
    title: 'No KDS root key is usable yet on the domain controller in use.',
    action: 'Create a KDS root key, or wait until its effective time has passed and it has replicated to this DC.',
  },
  AlreadyExists: {
    title: 'An object with this name already exists.',
    action: 'Pick another name, or reuse the existing object if its settings are the ones you want.',
  },
  NotFound: {
    title: 'The directory object was not found.',
    action: 'Check the name and the domain; a new object may not have replicated to this DC yet.',
  },
  AccessDenied: {
    title: 'Access is denied.',
    action: 'Run the wizard elevated, as a member of Domain Admins or with rights delegated on the target container.',
  },
  ServerUnavailable: {
    title: 'No domain controller answered.',
    action: 'Check that a DC is reachable and that Active Directory Web Services is running on it.',
  },
  ModuleMissing: {
    title: 'A required PowerShell module is not installed.',
    action: 'Install the RSAT Active Directory module (see the prerequisite check for the exact command).',
  },
  InstallServiceAccountFailed: {
    title: 'The service account could not be installed on this computer.',
    action:
      'Check that this computer may retrieve the password, its Kerberos ticket is fresh, and the encryption types match.',
  },
  NameTooLong: {
    title: 'The account name is too long.',
    action: 'Use at most 15 characters (the $ is added for you).',
  },
  InvalidName: {
    title: 'The name contains characters Active Directory does not allow.',
    action: 'Use letters, digits and hyphens only.',
  },
  AccountNotMapped: {
    title: 'Windows could not find the account on the target computer.',
    action: 'Check the DOMAIN\\name$ spelling and that the account is installed and usable on that computer.',
  },
  TaskNotFound: {
    title: 'The scheduled task was not found.',
    action: 'Check the task name and folder.',
  },
  BadParameter: {
    title: 'A command was given a parameter it does not accept.',
    action: 'This is a bug in the wizard; please report it with the script from the PowerShell panel.',
  },
  LanguageRestricted: {
    title:
      "PowerShell on that computer runs in Constrained Language Mode, or an application control policy blocks the wizard's code.",
    action:
      'An AppLocker or Windows Defender Application Control policy enforces it; the script stopped before changing anything. Run the wizard elevated from a path the policy allows (PowerShell then runs in FullLanguage), or grant user rights by Group Policy (User Rights Assignment), then try again.',
  },
  Timeout: {
    title: 'PowerShell did not answer in time.',
    action: 'The command was stopped and a fresh PowerShell started; check the domain controller, then retry.',
  },
  SessionLost: {
    title: 'The PowerShell process stopped unexpectedly.',
    action: 'A fresh PowerShell starts with the next step; retry.',
  },
  PowerShellUnavailable: {
    title: 'PowerShell could not be started.',
    action: 'Check that Windows PowerShell (or pwsh elsewhere) is installed and not blocked by policy.',
  },
  RemotingFailed: {
    title: 'PowerShell remoting could not reach the other computer; nothing was changed there.',
    action:
      'Check that it is on and reachable, that WinRM runs there (Enable-PSRemoting -Force) and that you are an administrator there; then retry.',
  },
  RemotingLost: {
    title: 'The connection to the other computer broke while the step ran there; it may have changed that computer.',
    action: 'Check that the computer is reachable, then run the step again: it reads what is there first.',
  },
  Unknown: {
    title: 'The command failed.',
    action: 'Read the error below; the PowerShell panel shows the exact script.',
  },
};

/** Classifies one PowerShell error record. */
export function classifyErrorInfo(info: PsErrorInfo): PsErrorKind {
  for (const rule of ERROR_RULES) {
    if (rule.hresult !== undefined && info.hresult !== rule.hresult) continue;
    if (rule.fqid !== undefined && !rule.fqid.test(info.fqid)) continue;
    if (rule.type !== undefined && !rule.type.test(info.type) && !rule.type.test(info.innerType)) continue;
    return rule.kind;
  }
  return PsErrorKind.Unknown;
}

/**
 * The kinds that mean PowerShell never answered (a SessionError: it timed out, died, or its answer was garbled): the
 * script may have run in part or in whole, so a step that failed so is cut off, not simply failed (runs/README.md).
 * Not PowerShellUnavailable: a session that could not start never received the script; nor RemotingFailed: a host
 * that could not be connected to never received it.
 */
export const NO_ANSWER_KINDS: ReadonlySet<string> = new Set([
  PsErrorKind.Timeout,
  PsErrorKind.SessionLost,
  // The remote session broke while the script ran there (not a failure to connect): it may have run in part.
  PsErrorKind.RemotingLost,
]);

/** Classifies anything a session call can throw. */
export function classifyError(error: unknown): PsErrorKind {
  if (error instanceof PsCommandError) {
    const first = error.errors[0];
    return first === undefined ? PsErrorKind.Unknown : classifyErrorInfo(first);
  }
  if (error instanceof SessionError) {
    switch (error.kind) {
      case 'Timeout':
        return PsErrorKind.Timeout;
      case 'StartFailed':
        return PsErrorKind.PowerShellUnavailable;
      default:
        return PsErrorKind.SessionLost;
    }
  }
  if (error instanceof PowerShellNotFoundError) return PsErrorKind.PowerShellUnavailable;
  return PsErrorKind.Unknown;
}
