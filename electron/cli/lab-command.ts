// `msa-wizard lab …`: create a practice lab, list scenarios, and run PowerShell against a lab (the lab console).
import path from 'node:path';
import { PsScript } from '../common/powershell/script.js';
import { PowerShellSession } from '../common/powershell/session.js';
import { createLab, labSessionOptions } from '../lab/lab.js';
import { SCENARIOS } from '../lab/scenarios.js';
import { option, parseArgs, UsageError } from './args.js';
import type { CliIo } from './io.js';
import { ensureLab } from './lab-option.js';

export const LAB_HELP = `msa-wizard lab — the practice domain

  msa-wizard lab new --lab-dir DIR [--scenario NAME]     create a lab (default scenario: healthy)
  msa-wizard lab scenarios                                list the scenarios
  msa-wizard lab exec --lab-dir DIR [--scenario NAME] [--computer NAME] [--json] -- '<powershell>'
      run PowerShell against the lab as if on that computer; --scenario creates the lab first if DIR has none;
      --json prints ConvertTo-Json -Depth 6 of the output`;

/**
 * The lab console's script: the admin's own PowerShell (run as code by design: the console is bound to the lab and
 * never to a real domain), formatted as the console would show it, or as ConvertTo-Json -Depth 6 with --json.
 */
export function consoleScript(code: string, json: boolean): PsScript {
  const body = `& {\n${code}\n}`;
  return PsScript.fromTrustedSource(
    json
      ? `$msaLabResult = @(${body}); if ($msaLabResult.Count -eq 1) { ConvertTo-Json -InputObject $msaLabResult[0] -Depth 6 } else { ConvertTo-Json -InputObject $msaLabResult -Depth 6 }`
      : `${body} | Out-String -Width 160`,
  );
}

export async function labCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'new':
      return labNew(rest, io);
    case 'exec':
      return labExec(rest, io);
    case 'scenarios':
      for (const s of SCENARIOS) io.out(`${s.name.padEnd(22)} ${s.summary}`);
      return 0;
    case undefined:
    case '--help':
    case 'help':
      io.out(LAB_HELP);
      return sub === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown lab command '${sub}' (try: new, exec, scenarios)`);
  }
}

function labNew(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, ['lab-dir', 'scenario'], []);
  const dir = option(args, 'lab-dir');
  if (dir === undefined) throw new UsageError('lab new needs --lab-dir DIR');
  if (args.positional.length > 0) throw new UsageError(`unexpected argument '${args.positional[0]}'`);
  const state = createLab(dir, option(args, 'scenario') ?? 'healthy');
  io.out(
    `created lab '${state.scenario}' in ${path.resolve(dir)}: domain ${state.domain.dnsRoot}, ` +
      `you are ${state.domain.netBIOSName}\\${state.context.user} on ${state.context.computer}`,
  );
  return 0;
}

async function labExec(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['lab-dir', 'scenario', 'computer'], ['json']);
  const dir = option(args, 'lab-dir');
  if (dir === undefined) throw new UsageError('lab exec needs --lab-dir DIR');
  const code = args.rest ?? args.positional.join(' ');
  if (code.trim() === '')
    throw new UsageError("lab exec needs PowerShell to run, after --: lab exec --lab-dir DIR -- 'Get-ADDomain'");
  const scenario = option(args, 'scenario');
  if (scenario !== undefined) ensureLab(dir, scenario);
  const computer = option(args, 'computer');
  const session = new PowerShellSession(labSessionOptions(dir, computer === undefined ? {} : { computer }));
  try {
    const script = consoleScript(code, args.options.has('json'));
    const envelope = await session.invoke(script, { timeoutMs: 120_000 });
    const text = envelope.data.map(String).join('').replace(/\s+$/, '');
    if (text !== '') io.out(text);
    for (const w of envelope.warnings) io.err(`WARNING: ${w}`);
    for (const line of envelope.stderr) io.err(line);
    for (const e of envelope.errors) io.err(`error: ${e.message} (${e.fqid})`);
    const nativeFailed = envelope.exitCode !== null && envelope.exitCode !== 0;
    return envelope.ok && !nativeFailed ? 0 : 1;
  } finally {
    await session.dispose();
  }
}
