// `msa-wizard lab …`: create a practice lab, list scenarios, and run PowerShell against a lab (the lab console).
import path from 'node:path';
import { createLab, labSessionOptions } from '../lab/lab.js';
import { consoleScript, CONSOLE_TIMEOUT_MS, envelopeOf, printEnvelope, warmExec } from '../labhost/console.js';
import { SCENARIOS } from '../lab/scenarios.js';
import { option, parseArgs, UsageError } from './args.js';
import type { CliIo } from './io.js';
import { ensureLab } from './lab-option.js';

export const LAB_HELP = `msa-wizard lab — the practice domain

  msa-wizard lab new --lab-dir DIR [--scenario NAME]     create a lab (default scenario: healthy)
  msa-wizard lab scenarios                                list the scenarios
  msa-wizard lab exec --lab-dir DIR [--scenario NAME] [--computer NAME] [--json] -- '<powershell>'
      run PowerShell against the lab as if on that computer; --scenario creates the lab first if DIR has none;
      --json prints ConvertTo-Json -Depth 6 of the output. While \`npm run lab\` serves DIR, the script runs in its
      warm PowerShell (each exec in a fresh scope, as a new process would); otherwise in a new one`;

export { consoleScript } from '../labhost/console.js';

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
  const json = args.options.has('json');
  // A lab host serving DIR runs it warm; none (or a stale advertisement, or a refusal): a new session, cold.
  const warm = await warmExec(dir, {
    code,
    json,
    cwd: process.cwd(),
    ...(computer === undefined ? {} : { computer }),
  });
  if (warm !== undefined) return printEnvelope(envelopeOf(warm), io);
  const options = labSessionOptions(dir, computer === undefined ? {} : { computer });
  const { PowerShellSession } = await import('../common/powershell/session.js'); // cold only: node-powershell
  const session = new PowerShellSession(options);
  try {
    const envelope = await session.invoke(consoleScript(code, json), { timeoutMs: CONSOLE_TIMEOUT_MS });
    return printEnvelope(envelope, io);
  } finally {
    await session.dispose();
  }
}
