// `msa-wizard plan --answers FILE [--out FILE]`: the whole plan as ONE PowerShell script (../common/export), to
// review and run on the target computer. Prints it, or writes it: the same bytes either way, a UTF-8 byte-order mark
// and an ASCII body (../common/export/README.md says why). Runs nothing. Exit 0, or 2 for bad input.
import { writeFileSync } from 'node:fs';
import { planScriptFile } from '../common/export/plan-script.js';
import { option, parseArgs, UsageError } from './args.js';
import { readAnswersFile } from './answers-file.js';
import type { CliIo } from './io.js';

export const PLAN_HELP = `msa-wizard plan — the plan as one PowerShell script

  msa-wizard plan --answers FILE [--out FILE]
      prints ONE commented, idempotent Windows PowerShell 5.1 script for the whole plan (checks, KDS root key if
      asked, group, account, install and test, batch right, task, test run) that stops at the first problem;
      --out: write it to FILE instead (the same bytes: ASCII behind a UTF-8 byte-order mark). To save it from Windows
      PowerShell use --out: its > and Out-File re-encode what a program prints. Runs nothing. Exit 0, or 2 for a bad
      answers file`;

export function planCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, ['answers', 'out'], ['help']);
  if (args.options.has('help')) {
    io.out(PLAN_HELP);
    return 0;
  }
  if (args.positional.length > 0) throw new UsageError(`unexpected argument '${args.positional[0]}'`);
  if (args.rest !== undefined) throw new UsageError('plan takes no PowerShell (-- …)');
  const { plan, input } = readAnswersFile(option(args, 'answers'));
  const text = planScriptFile(plan, { input });
  const out = option(args, 'out');
  if (out === undefined) {
    io.out(text.replace(/\n$/, ''));
    return 0;
  }
  try {
    writeFileSync(out, text);
  } catch (err) {
    throw new UsageError(`cannot write ${out} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  io.err(`wrote ${out}: run it on ${plan.targetComputer} in an elevated Windows PowerShell`);
  return 0;
}
