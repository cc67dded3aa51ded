// Why PowerShell remoting could not reach a host, in words: the cause and the fix, from the error WinRM gave
// Invoke-Command. Keyed on the FullyQualifiedErrorId (`<reason>,PSSessionStateBroken`, the reason from PowerShell's
// table of WinRM transport errors), never on the localized message. A failure to connect means the script never ran
// there: nothing changed, and the step can run again once the cause is fixed.
import type { PsErrorInfo } from '../powershell/envelope.js';
import type { PsCommandError } from '../powershell/session-errors.js';

export type RemotingCause = 'unreachable' | 'winrm-off' | 'access-denied' | 'not-trusted';

export interface RemotingProblem {
  readonly host: string;
  readonly cause: RemotingCause;
  /** The cause in words ('WEB02 answered, but PowerShell remoting is not available there: ...'). */
  readonly what: string;
  /** What WinRM said. */
  readonly message: string;
  /** What to do, in words. */
  readonly fix: string;
  /** The command that fixes it, run where `fix` says ('' when none). */
  readonly command: string;
  readonly fqid: string;
  /** One paragraph for a step's message: what happened, that nothing changed there, the fix, WinRM's words. */
  readonly sentence: string;
}

/**
 * Whether an error record is a failure to CONNECT through remoting (WinRM's reasons below): the script never ran there.
 * A session that broke otherwise may have broken mid-script: not this (errors.ts: RemotingLost, a cut-off step).
 */
export const isRemotingFailure = (info: PsErrorInfo): boolean =>
  /^(NetworkPathNotFound|ComputerNotFound|CannotConnect|WinRMOperationTimeout|AccessDenied|ServerNotTrusted),PSSessionStateBroken$/i.test(
    info.fqid,
  );

/**
 * The reason in the FQID (WSManTransportManagerUtils' names for WinRM's error codes): NetworkPathNotFound (53: Kerberos
 * cannot find the computer), ComputerNotFound and WinRMOperationTimeout (0x80338126: nothing answers on 5985) ->
 * unreachable; AccessDenied (5) -> access denied; ServerNotTrusted (0x80338164: not in the domain, Kerberos
 * impossible) -> not trusted; CannotConnect (0x80338012: WinRM stopped or no listener) -> WinRM off.
 */
function causeOf(info: PsErrorInfo): RemotingCause {
  const reason = info.fqid.split(',')[0]?.toLowerCase() ?? '';
  if (reason === 'accessdenied') return 'access-denied';
  if (reason === 'servernottrusted') return 'not-trusted';
  if (reason === 'networkpathnotfound' || reason === 'computernotfound' || reason === 'winrmoperationtimeout') {
    return 'unreachable';
  }
  return 'winrm-off';
}

const WHAT: Readonly<Record<RemotingCause, (host: string) => string>> = {
  unreachable: (h) =>
    `${h} did not answer over PowerShell remoting: the name does not resolve, or ${h} is off or out of reach.`,
  'winrm-off': (h) =>
    `${h} answered, but PowerShell remoting is not available there: the WinRM service is not running or not listening, or a firewall blocks it (TCP 5985).`,
  'access-denied': (h) => `Access to PowerShell remoting on ${h} is denied to the account the wizard runs as.`,
  'not-trusted': (h) =>
    `${h} cannot be authenticated with Kerberos (it is not in the domain, or was named by its address), so WinRM refuses it.`,
};

const FIX: Readonly<Record<RemotingCause, (host: string) => { fix: string; command: string }>> = {
  unreachable: (h) => ({
    fix: `Check the name and that ${h} is on and reachable from here (Test-NetConnection ${h} -Port 5985).`,
    command: `Test-NetConnection ${h} -Port 5985`,
  }),
  'winrm-off': (h) => ({
    fix: `On ${h}, in an elevated PowerShell, run Enable-PSRemoting -Force (it starts WinRM, creates its listener and opens the firewall for it).`,
    command: 'Enable-PSRemoting -Force',
  }),
  'access-denied': (h) => ({
    fix: `Run the wizard as an account that is an administrator on ${h} (the steps change services, tasks, app pools and user rights there).`,
    command: '',
  }),
  'not-trusted': (h) => ({
    fix: `Name ${h} by its computer name in the domain (not an address), and check that it is joined to the domain.`,
    command: '',
  }),
};

/** The problem an error record describes, when it is a failure to connect to `host`. */
export function remotingProblem(info: PsErrorInfo, host: string): RemotingProblem | undefined {
  if (!isRemotingFailure(info)) return undefined;
  const cause = causeOf(info);
  const { fix, command } = FIX[cause](host);
  const message = info.detail ?? info.message;
  return {
    host,
    cause,
    what: WHAT[cause](host),
    message,
    fix,
    command,
    fqid: info.fqid,
    sentence: `${WHAT[cause](host)} Nothing was changed on ${host}. ${fix} Then run this step again. (WinRM: ${message})`,
  };
}

/** The remoting problem of a failed script, if its first error is one. */
export function remotingProblemOf(error: PsCommandError, host: string): RemotingProblem | undefined {
  const first = error.errors[0];
  return first === undefined ? undefined : remotingProblem(first, host);
}
