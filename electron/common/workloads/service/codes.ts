// What the Service Control Manager answers, in words: Win32_Service.Change's return values (Microsoft Learn, "Change
// method of the Win32_Service class": 0..24) and the Win32 errors a service start fails with, each with the fix.
// Pure; the steps and their tests use it.

export interface DecodedCode {
  readonly code: number;
  /** Microsoft's name for it ('Status Invalid Service Account', 'ERROR_SERVICE_LOGON_FAILED'). */
  readonly name: string;
  readonly meaning: string;
  /** What to do; '' when nothing is needed. */
  readonly fix: string;
}

/** Win32_Service.Change (and StartService, Delete, ...) return values as documented. */
const CHANGE_RETURN: Readonly<Record<number, readonly [name: string, meaning: string, fix: string]>> = {
  0: ['Success', 'The request was accepted.', ''],
  1: [
    'Not Supported',
    'The request is not supported.',
    'Check that this is a Win32 service (not a driver) on a supported Windows version.',
  ],
  2: [
    'Access Denied',
    'The user did not have the necessary access.',
    'Run the wizard (or the script) as a local administrator, elevated ("Run as administrator").',
  ],
  3: [
    'Dependent Services Running',
    'The service cannot be stopped because other running services depend on it.',
    'Stop the dependent services first.',
  ],
  4: ['Invalid Service Control', 'The requested control code is not valid, or the service does not accept it.', ''],
  5: [
    'Service Cannot Accept Control',
    'The service cannot accept the request now (it is starting, stopping or stopped).',
    'Wait until it is running or stopped and try again.',
  ],
  6: ['Service Not Active', 'The service has not been started.', 'Start it first.'],
  7: [
    'Service Request Timeout',
    'The service did not respond to the request in time.',
    'Check why it hangs (its own log), then try again.',
  ],
  8: [
    'Unknown Failure',
    'Unknown failure.',
    'Look at the System log for Service Control Manager events about this service.',
  ],
  9: [
    'Path Not Found',
    'The folder of the service program was not found.',
    'Correct the binary path, or install the program there.',
  ],
  10: ['Service Already Running', 'The service is already running.', ''],
  11: [
    'Service Database Locked',
    'The service database is locked (another change is in progress).',
    'Wait a moment and try again.',
  ],
  12: [
    'Service Dependency Deleted',
    'A service this one depends on has been removed.',
    'Reinstall the missing service or remove the dependency.',
  ],
  13: [
    'Service Dependency Failure',
    'A service this one depends on could not be found or started.',
    'Start the services it depends on first.',
  ],
  14: [
    'Service Disabled',
    'The service is disabled.',
    'Set its start type to Manual or Automatic (Set-Service -StartupType).',
  ],
  15: [
    'Service Logon Failed',
    'The service does not have the correct authentication to run on the system.',
    'Check that the account exists, that this computer may retrieve its managed password (Test-ADServiceAccount) and that it holds "Log on as a service".',
  ],
  16: [
    'Service Marked For Deletion',
    'The service is being removed from the system.',
    'Close services.msc and any handle to it (or restart the computer), then try again.',
  ],
  17: ['Service No Thread', 'The service has no execution thread.', ''],
  18: [
    'Status Circular Dependency',
    'The service has circular dependencies.',
    'Fix its dependencies (sc.exe qc <name>).',
  ],
  19: ['Status Duplicate Name', 'A service is running under the same name.', 'Choose another name.'],
  20: ['Status Invalid Name', 'The service name has invalid characters.', 'Choose a name without / or \\.'],
  21: [
    'Status Invalid Parameter',
    'Invalid parameters were passed to the service.',
    'Check the account name (DOMAIN\\name$): a managed service account is given with its trailing $ and no password.',
  ],
  22: [
    'Status Invalid Service Account',
    'The account is invalid or lacks the permission to run the service.',
    'Check that the account DOMAIN\\name$ exists and has replicated, and that this computer may use it (Test-ADServiceAccount returns True here).',
  ],
  23: ['Status Service Exists', 'The service already exists.', ''],
  24: ['Service Already Paused', 'The service is paused.', 'Resume it (Resume-Service).'],
};

/** A Win32_Service method's ReturnValue in words. */
export function decodeChangeReturn(code: number): DecodedCode {
  const known = CHANGE_RETURN[code];
  if (known !== undefined) return { code, name: known[0], meaning: known[1], fix: known[2] };
  return {
    code,
    name: 'Other',
    meaning: `Return value ${code}, which the Win32_Service documentation does not list.`,
    fix: `Look it up: net helpmsg ${code} (a Win32 error) or the WMI error constants.`,
  };
}

/** The Win32 errors a service start (Start-Service, Restart-Service) fails with, by NativeErrorCode. */
export const START_ERROR = {
  FILE_NOT_FOUND: 2,
  ACCESS_DENIED: 5,
  REQUEST_TIMEOUT: 1053,
  DISABLED: 1058,
  DOES_NOT_EXIST: 1060,
  PROCESS_ABORTED: 1067,
  DEPENDENCY_FAIL: 1068,
  LOGON_FAILED: 1069,
  MARKED_FOR_DELETE: 1072,
  DIFFERENT_SERVICE_ACCOUNT: 1079,
} as const;

const START_ERRORS: Readonly<Record<number, readonly [name: string, meaning: string, fix: string]>> = {
  [START_ERROR.FILE_NOT_FOUND]: [
    'ERROR_FILE_NOT_FOUND',
    'The program the service runs was not found.',
    'Check the binary path (Get-CimInstance Win32_Service: PathName) and that the program is installed there.',
  ],
  [START_ERROR.ACCESS_DENIED]: [
    'ERROR_ACCESS_DENIED',
    'Access is denied: the account cannot read or run the program, or this session may not start the service.',
    'Give the account Read & execute on the program folder (icacls "<folder>" /grant "DOMAIN\\name$:(OI)(CI)RX"), and run elevated.',
  ],
  [START_ERROR.REQUEST_TIMEOUT]: [
    'ERROR_SERVICE_REQUEST_TIMEOUT',
    'The service did not respond to the start request in time (30 seconds): the program started but did not report "running".',
    'Check that the program is a real service (a plain console program is not), and its own log: it may wait for something the account cannot reach (a share, a database, a certificate).',
  ],
  [START_ERROR.DISABLED]: [
    'ERROR_SERVICE_DISABLED',
    'The service is disabled, so it cannot be started.',
    'Set its start type to Automatic or Manual (Set-Service -Name <name> -StartupType Automatic), then start it.',
  ],
  [START_ERROR.DOES_NOT_EXIST]: [
    'ERROR_SERVICE_DOES_NOT_EXIST',
    'The service does not exist.',
    'Check the service name.',
  ],
  [START_ERROR.PROCESS_ABORTED]: [
    'ERROR_PROCESS_ABORTED',
    'The service process ended unexpectedly while starting.',
    "Read the program's own log and the Application log: usually the account lacks access to a file, a registry key, a database or a certificate the program needs.",
  ],
  [START_ERROR.DEPENDENCY_FAIL]: [
    'ERROR_SERVICE_DEPENDENCY_FAIL',
    'A service it depends on failed to start.',
    'Start the services it depends on (Get-Service -Name <name> -RequiredServices) and fix the one that fails.',
  ],
  [START_ERROR.LOGON_FAILED]: [
    'ERROR_SERVICE_LOGON_FAILED',
    'The service did not start due to a logon failure: Windows could not log the account on.',
    'Either the account lacks "Log on as a service" on this computer (grant it: the wizard\'s service logon right step; if a GPO defines the right, add the account in that GPO and run gpupdate /target:computer /force), or this computer cannot retrieve the managed password (add it to the group allowed to retrieve it, then klist purge -li 0x3e7 or restart it; Test-ADServiceAccount must return True here).',
  ],
  [START_ERROR.MARKED_FOR_DELETE]: [
    'ERROR_SERVICE_MARKED_FOR_DELETE',
    'The service is marked for deletion.',
    'Close services.msc and every handle to the service (or restart the computer).',
  ],
  [START_ERROR.DIFFERENT_SERVICE_ACCOUNT]: [
    'ERROR_DIFFERENT_SERVICE_ACCOUNT',
    'The service shares its process with other services (svchost) that run as another account; all services in one process must use the same account.',
    'Run the service in its own process (sc.exe config <name> type= own), or do not change its account.',
  ],
};

/** A service start's Win32 error in words, with the fix. */
export function decodeStartError(code: number): DecodedCode {
  const known = START_ERRORS[code];
  if (known !== undefined) return { code, name: known[0], meaning: known[1], fix: known[2] };
  return {
    code,
    name: `Win32 error ${code}`,
    meaning: `Windows error ${code}.`,
    fix: `Look it up: net helpmsg ${code}; the System log's Service Control Manager events say more.`,
  };
}

/** Why a 1069 happened, when the host could tell (the System log's events, Test-ADServiceAccount). */
export type LogonFailureCause = 'right' | 'password' | 'unknown';

/**
 * 1069's cause: event 7041 ("not been granted the requested logon type") is the missing right; event 7038 or a
 * Test-ADServiceAccount that answers False is the password the host could not retrieve.
 */
export function logonFailureCause(eventIds: readonly number[], canRetrievePassword: boolean | null): LogonFailureCause {
  if (eventIds.includes(7041)) return 'right';
  if (canRetrievePassword === false || eventIds.includes(7038)) return 'password';
  return 'unknown';
}

/** The fix for a 1069 of a known cause, naming the account and the host. */
export function logonFailureFix(cause: LogonFailureCause, account: string, host: string): string {
  if (cause === 'right') {
    return `${account} does not hold "Log on as a service" on ${host} (event 7041). Grant it with the wizard's service logon right step; if a domain GPO defines the right, add ${account} in that GPO, then gpupdate /target:computer /force on ${host}. Then run this step again.`;
  }
  if (cause === 'password') {
    return `${host} cannot retrieve the managed password of ${account} (Test-ADServiceAccount is False there). Add ${host} (or a group it is in) to the accounts allowed to retrieve it (PrincipalsAllowedToRetrieveManagedPassword), refresh its Kerberos ticket (klist purge -li 0x3e7, or restart ${host}), check Test-ADServiceAccount, then run this step again.`;
  }
  return decodeStartError(START_ERROR.LOGON_FAILED).fix;
}
