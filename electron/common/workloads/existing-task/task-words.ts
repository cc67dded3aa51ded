// Words and small PowerShell helpers shared by the existing-task step, its undo and the survey: which accounts are
// the managed one, which need a password to be set back, and the exact command an admin types to set a task back to
// a user account (the wizard never has that password).
import { ps } from '../../powershell/script.js';

/** 'CONTOSO\\svc-report$' / 'svc-report$' / 'svc-report$@contoso.com' -> 'svc-report$' (lower case). */
export const bareAccount = (name: string): string => name.replace(/^.*\\/, '').replace(/@.*$/, '').toLowerCase();

/** Built-in accounts Task Scheduler runs as a service account (LogonType ServiceAccount): no password. */
const BUILT_IN = /^(nt authority\\)?(system|local ?service|network ?service)$/i;

/** Whether a task principal's account is a built-in service account (SYSTEM, LOCAL SERVICE, NETWORK SERVICE). */
export const isBuiltIn = (userId: string): boolean => BUILT_IN.test(userId.trim());

/** Whether setting a task back to this account needs its password: any account but a built-in or a managed one. */
export const needsPassword = (userId: string): boolean =>
  userId.trim() !== '' && !isBuiltIn(userId) && !/\$$/.test(bareAccount(userId));

/**
 * A PowerShell single-quoted literal for a command shown to the admin ('' doubles a quote). '--%' is the
 * stop-parsing token even quoted: in parentheses it is a plain value.
 */
export const quoted = (text: string): string =>
  text === '--%' ? "('--%')" : `'${text.replace(/['\u2018\u2019\u201A\u201B]/g, (q) => q + q)}'`;

/** The command that sets a task back to a user account: the admin types its password (the wizard never does). */
export const setBackCommand = (taskPath: string, taskName: string, userId: string): string =>
  `Set-ScheduledTask -TaskPath ${quoted(taskPath)} -TaskName ${quoted(taskName)} -User ${quoted(userId)} -Password '<its password>'`;

/**
 * PowerShell: Test-MsaSameAccount compares two account names without their domain ('CONTOSO\\x$' = 'x$' =
 * 'x$@contoso.com'), as Task Scheduler may show a principal either way.
 */
export const SAME_ACCOUNT = ps`function Test-MsaSameAccount {
    param($A, $B)
    if ([string]::IsNullOrEmpty([string]$A) -or [string]::IsNullOrEmpty([string]$B)) { return $false }
    $x = ([string]$A) -replace '^.*\\\\', '' -replace '@.*$', ''
    $y = ([string]$B) -replace '^.*\\\\', '' -replace '@.*$', ''
    return ($x -eq $y)
}`;
