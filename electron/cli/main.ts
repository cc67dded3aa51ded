// The msa-wizard command line. Exit codes: 0 done, 1 a step (or the PowerShell it ran) failed, 2 bad input.
// Every failure prints one line (a bad answers file: one per problem, with its JSON path); stack traces are for bugs,
// and only with MSA_WIZARD_DEBUG=1.
import { AnswersError } from '../common/answers/answers-schema.js';
import { APP_VERSION } from '../common/app-version.js';
import { PowerShellNotFoundError } from '../common/powershell/executable.js';
import { PsCommandError, SessionError } from '../common/powershell/session-errors.js';
import { LabError } from '../lab/lab.js';
import { UsageError } from './args.js';
import { processIo, type CliIo } from './io.js';

// Each command's module loads only when it runs (lab exec against a running lab host needs little of the rest).
const commands = async () => ({
  ...(await import('./adopt-command.js')),
  ...(await import('./apply-command.js')),
  ...(await import('./audit-command.js')),
  ...(await import('./check-command.js')),
  ...(await import('./discover-command.js')),
  ...(await import('./lab-command.js')),
  ...(await import('./plan-command.js')),
});

const help = async (): Promise<string> => {
  const { ADOPT_HELP, APPLY_HELP, AUDIT_HELP, CHECK_HELP, DISCOVER_HELP, LAB_HELP, PLAN_HELP } = await commands();
  return `msa-wizard — Managed Service Accounts, guided

Usage:
  msa-wizard check [--lab-dir DIR | --scenario NAME] [--json]   the prerequisite health check
  msa-wizard plan --answers FILE [--out FILE]   the plan as one PowerShell script
  msa-wizard apply --answers FILE [--lab-dir DIR | --scenario NAME] [--json] [--dry-run]   run the plan
  msa-wizard adopt --computer NAME … (--task PATH | --service NAME | --app-pool NAME | --account SAM) --out FILE   plan a move to a gMSA
  msa-wizard discover [--computer NAME …] [--searchbase OU] [--lab-dir DIR | --scenario NAME] [--json]   what runs as user accounts
  msa-wizard audit [--lab-dir DIR | --scenario NAME] [--json] [--format md|html|csv] [--out FILE]   the managed accounts inventory and security audit
  msa-wizard lab new|exec|scenarios …   the practice domain (msa-wizard lab --help)
  msa-wizard --help | --version

Exit codes: 0 done, 1 a step failed, 2 bad input.

${CHECK_HELP}

${PLAN_HELP}

${APPLY_HELP}

${ADOPT_HELP}

${DISCOVER_HELP}

${AUDIT_HELP}

${LAB_HELP}`;
};

export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
        io.err(await help());
        return 2;
      case '--help':
      case '-h':
      case 'help':
        io.out(await help());
        return 0;
      case '--version':
      case '-v':
        io.out(APP_VERSION);
        return 0;
      case 'lab':
        return await (await import('./lab-command.js')).labCommand(rest, io);
      case 'check':
        return await (await import('./check-command.js')).checkCommand(rest, io);
      case 'plan':
        return (await import('./plan-command.js')).planCommand(rest, io);
      case 'apply':
        return await (await import('./apply-command.js')).applyCommand(rest, io);
      case 'discover':
        return await (await import('./discover-command.js')).discoverCommand(rest, io);
      case 'adopt':
        return await (await import('./adopt-command.js')).adoptCommand(rest, io);
      case 'audit':
        return await (await import('./audit-command.js')).auditCommand(rest, io);
      default:
        throw new UsageError(`unknown command '${command}' (try: msa-wizard --help)`);
    }
  } catch (err) {
    if (err instanceof AnswersError) {
      io.err(
        `msa-wizard: the answers file has ${err.issues.length === 1 ? 'a problem' : `${err.issues.length} problems`}; nothing was run:`,
      );
      for (const line of err.message.split('\n')) io.err(`  ${line}`);
      return 2;
    }
    if (err instanceof UsageError || err instanceof LabError) {
      io.err(`msa-wizard: ${err.message}`);
      return 2;
    }
    if (err instanceof SessionError || err instanceof PowerShellNotFoundError || err instanceof PsCommandError) {
      io.err(`msa-wizard: ${err.message}`);
      return 1;
    }
    if (process.env.MSA_WIZARD_DEBUG === '1') throw err;
    io.err(`msa-wizard: unexpected error: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && /[\\/]main\.(ts|js)$/.test(process.argv[1]);
if (invokedDirectly || process.env.MSA_WIZARD_CLI === '1') {
  process.exitCode = await runCli(process.argv.slice(2));
}
