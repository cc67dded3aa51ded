// Which PowerShell the app runs, and with what environment.
//
// Production is Windows PowerShell 5.1: the ActiveDirectory, Kds and ScheduledTasks modules ship for it on every
// supported Windows. We always use its absolute path so a `powershell.exe` planted earlier on PATH (or in the
// working folder) can never run as Domain Admin. A 32-bit process sees System32 redirected to SysWOW64, whose
// PowerShell is 32-bit and cannot load every RSAT module, so it goes through the `Sysnative` alias instead.
// Elsewhere (developers, CI, practice mode on Linux) it is PowerShell 7 `pwsh`, from PATH or `~/.dotnet/tools`.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export interface PowerShellExecutable {
  /** Absolute path of the executable. */
  readonly path: string;
  /** 'desktop' = Windows PowerShell 5.1 (production engine), 'core' = PowerShell 7 (pwsh). */
  readonly edition: 'desktop' | 'core';
  /** Command-line flags, in node-powershell's option shape. */
  readonly flags: Readonly<Record<string, string | boolean>>;
}

export interface ExecutableProbe {
  readonly platform: NodeJS.Platform;
  readonly arch: string;
  readonly env: NodeJS.ProcessEnv;
  readonly exists: (file: string) => boolean;
  readonly home: string;
}

const defaultProbe = (): ExecutableProbe => ({
  platform: process.platform,
  arch: process.arch,
  env: process.env,
  exists: existsSync,
  home: homedir(),
});

export class PowerShellNotFoundError extends Error {
  constructor(searched: readonly string[]) {
    super(
      `PowerShell was not found. Looked in: ${searched.join(', ')}. Install PowerShell 7 (pwsh) or add it to PATH.`,
    );
    this.name = 'PowerShellNotFoundError';
  }
}

/** Finds the PowerShell executable for this machine; throws PowerShellNotFoundError when there is none. */
export function resolvePowerShell(probe: ExecutableProbe = defaultProbe()): PowerShellExecutable {
  return probe.platform === 'win32' ? resolveWindowsPowerShell(probe) : resolvePwsh(probe);
}

/**
 * A tool in Windows' own system folder by absolute path (System32, or Sysnative from a 32-bit process), never looked up
 * on PATH or in the working folder: the app runs elevated. `parts` below it, e.g. ['taskkill.exe'].
 */
export function windowsSystemPath(parts: readonly string[], probe: ExecutableProbe = defaultProbe()): string {
  const systemRoot = probe.env.SystemRoot ?? probe.env.SYSTEMROOT ?? probe.env.windir ?? 'C:\\Windows';
  // PROCESSOR_ARCHITEW6432 is set only inside a 32-bit process on 64-bit Windows.
  const is32BitOn64 = probe.arch === 'ia32' && probe.env.PROCESSOR_ARCHITEW6432 !== undefined;
  return path.win32.join(systemRoot, is32BitOn64 ? 'Sysnative' : 'System32', ...parts);
}

function resolveWindowsPowerShell(probe: ExecutableProbe): PowerShellExecutable {
  const exe = windowsSystemPath(['WindowsPowerShell', 'v1.0', 'powershell.exe'], probe);
  if (!probe.exists(exe)) throw new PowerShellNotFoundError([exe]);
  return {
    path: exe,
    edition: 'desktop',
    flags: { '-NoLogo': true, '-NoProfile': true, '-NonInteractive': true, '-ExecutionPolicy': 'Bypass' },
  };
}

function resolvePwsh(probe: ExecutableProbe): PowerShellExecutable {
  const dirs = (probe.env.PATH ?? '').split(path.delimiter).filter((d) => d !== '' && path.isAbsolute(d));
  dirs.push(path.join(probe.home, '.dotnet', 'tools'));
  const candidates = dirs.map((d) => path.join(d, 'pwsh'));
  const found = candidates.find((c) => probe.exists(c));
  if (found === undefined) throw new PowerShellNotFoundError(candidates);
  return {
    path: found,
    edition: 'core',
    flags: { '-NoLogo': true, '-NoProfile': true, '-NonInteractive': true },
  };
}

/**
 * The environment the PowerShell child gets. NODE_POWERSHELL is dropped: node-powershell obeys it over any option,
 * so anyone who can set an environment variable could swap the executable of an elevated app. NO_COLOR and
 * TERM=dumb keep PowerShell 7 from writing ANSI escapes. `extra` lets practice mode pin PSModulePath.
 */
export function childEnvironment(
  base: NodeJS.ProcessEnv,
  extra: Readonly<Record<string, string>> = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, NO_COLOR: '1', TERM: 'dumb', POWERSHELL_TELEMETRY_OPTOUT: '1', ...extra };
  for (const key of Object.keys(env)) {
    if (key.toUpperCase() === 'NODE_POWERSHELL') delete env[key];
  }
  return env;
}
