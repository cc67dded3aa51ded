// `msa-wizard adopt`: plan the move of what runs as a user account to a gMSA, as an answers file that `plan` and
// `apply` take. Discovery on the computers (read-only), the old account's rights on its jobs' files, then the answers
// (../common/adopt). Nothing in AD or on a host changes. Exit 0 written, 2 bad input or nothing to move.
import { rmSync, writeFileSync } from 'node:fs';
import { AdoptError } from '../common/adopt/build-answers.js';
import { adopt } from '../common/adopt/adopt.js';
import { answersText, parseAnswersText } from '../common/answers/answers-schema.js';
import { PowerShellSession } from '../common/powershell/session.js';
import { labSessionOptions } from '../lab/lab.js';
import { option, parseArgs, takeRepeated, UsageError } from './args.js';
import type { CliIo } from './io.js';
import { chooseLab } from './lab-option.js';

export const ADOPT_HELP = `msa-wizard adopt — move what runs as a user account to a gMSA (writes an answers file)

  msa-wizard adopt --computer NAME [--computer NAME …] (--task PATH | --service NAME | --app-pool NAME | --account SAM)
                   [--gmsa NAME] [--acknowledge-no-restore] [--lab-dir DIR | --scenario NAME] --out FILE
      runs discovery on the computers (read-only, over PowerShell remoting for the others), then writes the plan:
      a gMSA (--gmsa, or a name from the old account's) whose group holds every host, the old account's groups
      (privileged ones never: listed with why), its SPNs moved, its file rights, each job re-pointed (a task side by
      side: the original kept, disabled). --task \\Folder\\Name, --service or --app-pool: that job (on the first
      --computer that has it); --account: the account with every job it runs on those computers (its SPNs move
      only then, and only when every computer answered: a job left behind would lose its Kerberos).
      --acknowledge-no-restore: you confirm that undo cannot put a service's or pool's user account back (no password
      is handled; you would set it back yourself with its password). Without it the answers say false and apply
      refuses those steps until you confirm (the flag, acknowledgeNoRestore: true, or the box on Use the account).
      Then: msa-wizard plan --answers FILE, or msa-wizard apply --answers FILE. Exit 0: written; 2: bad input or
      nothing to move`;

export async function adoptCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values: computers, rest } = takeRepeated(argv, 'computer');
  const args = parseArgs(
    rest,
    ['task', 'service', 'app-pool', 'account', 'gmsa', 'lab-dir', 'scenario', 'out'],
    ['help', 'acknowledge-no-restore'],
  );
  if (args.options.has('help')) {
    io.out(ADOPT_HELP);
    return 0;
  }
  if (args.positional.length > 0) throw new UsageError(`unexpected argument '${args.positional[0]}'`);
  if (args.rest !== undefined) throw new UsageError('adopt takes no PowerShell (-- …)');
  const picks = ['task', 'service', 'app-pool', 'account'].filter((k) => option(args, k) !== undefined);
  if (picks.length === 0)
    throw new UsageError('say what to move: --task PATH, --service NAME, --app-pool NAME or --account SAM');
  if (picks.length > 1 && !(picks.length === 2 && picks.includes('account')))
    throw new UsageError('pick one job: --task, --service or --app-pool (with --account if you like)');
  if (computers.length === 0) throw new UsageError('name the computer(s) to look on: --computer NAME');
  const out = option(args, 'out');
  if (out === undefined) throw new UsageError('say where to write the answers: --out FILE');
  const gmsa = option(args, 'gmsa');
  const { dir, temp } = chooseLab('adopt', option(args, 'lab-dir'), option(args, 'scenario'));
  try {
    const session = new PowerShellSession(dir === undefined ? {} : labSessionOptions(dir));
    try {
      const task = option(args, 'task');
      const service = option(args, 'service');
      const appPool = option(args, 'app-pool');
      const account = option(args, 'account');
      const result = await adopt(
        { run: (script, options) => session.run(script, { timeoutMs: options.timeoutMs }) },
        {
          computers,
          ...(task === undefined ? {} : { task }),
          ...(service === undefined ? {} : { service }),
          ...(appPool === undefined ? {} : { appPool }),
          ...(account === undefined ? {} : { account }),
          ...(gmsa === undefined ? {} : { gmsa }),
          acknowledgeNoRestore: args.options.has('acknowledge-no-restore'),
        },
      );
      const text = answersText(result.plan);
      parseAnswersText(text); // what plan/apply will read: refused here (exit 2) rather than there
      writeFileSync(out, text);
      const plan = result.plan;
      const m = plan.migration;
      io.out(
        `Wrote ${out}: move ${result.facts.account} to ${plan.name}$ (group ${plan.gmsa?.group.name ?? ''}: ${(plan.gmsa?.computers ?? []).join(', ')})`,
      );
      for (const f of result.findings) io.out(`  job: ${f.id} — ${f.words}`);
      if (m !== undefined) {
        io.out(`  groups copied: ${(m.copyGroups ?? []).join(', ') || 'none'}`);
        for (const n of m.notCopied ?? []) io.out(`  not copied: ${n.group}: ${n.why}`);
        io.out(`  SPNs moved: ${(m.moveSpns ?? []).join(', ') || 'none'}`);
        for (const r of m.fileAccess ?? []) io.out(`  file access: ${r.host} ${r.path} ${r.rights.join(', ')}`);
      }
      for (const n of result.notes) io.out(`  note: ${n}`);
      for (const p of result.report.problems) io.out(`  not reached: ${p.host}: ${p.message} — ${p.fix}`);
      io.out(`The old account is never disabled or deleted by the wizard. Afterwards:`);
      for (const item of result.checklist) io.out(`  - ${item.title}: ${item.command}`);
      return 0;
    } catch (err) {
      if (err instanceof AdoptError) {
        io.err(`msa-wizard: ${err.title} ${err.action}`);
        return 2;
      }
      throw err;
    } finally {
      await session.dispose();
    }
  } finally {
    if (temp !== undefined) rmSync(temp, { recursive: true, force: true });
  }
}
