// The two ways a request can fail: the transport (SessionError: no answer at all) or the script (PsCommandError:
// PowerShell answered with errors). Kept apart from session.ts so the error map and the UI can import them
// without pulling in node-powershell.
import type { Envelope, PsErrorInfo } from './envelope.js';

export type SessionErrorKind = 'Timeout' | 'ProcessExited' | 'StartFailed' | 'ProtocolError' | 'Disposed';

/** The session could not get an answer; the PowerShell process behind it has been killed and will be replaced. */
export class SessionError extends Error {
  constructor(
    readonly kind: SessionErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'SessionError';
  }
}

/** PowerShell answered, and the script failed. `errors[0]` is the one that stopped it. */
export class PsCommandError extends Error {
  readonly errors: readonly PsErrorInfo[];
  constructor(readonly envelope: Envelope) {
    const first = envelope.errors[0];
    super(first === undefined ? 'the script failed' : `${first.message} (${first.fqid})`);
    this.name = 'PsCommandError';
    this.errors = envelope.errors;
  }
}
