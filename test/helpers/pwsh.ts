// Test sessions run the real PowerShell 7 (pwsh): its parser and binder judge every script. No mocks of PowerShell.
import { PowerShellSession, type SessionOptions } from '../../electron/common/powershell/session.js';
import { PsScript } from '../../electron/common/powershell/script.js';

export function testSession(options: SessionOptions = {}): PowerShellSession {
  return new PowerShellSession({ defaultTimeoutMs: 120_000, ...options });
}

/** Test-only PowerShell written by the test itself (never user data). */
export function trusted(text: string): PsScript {
  return PsScript.fromTrustedSource(text);
}

/** base64 of UTF-8, for handing arbitrary text to a trusted test script without any quoting. */
export function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
