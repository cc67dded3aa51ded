// Reading an answers file for `plan` and `apply`: every problem is bad input (exit 2), listed with its JSON path.
import { readFileSync } from 'node:fs';
import { parseAnswersText, type Answers } from '../common/answers/answers-schema.js';
import type { Plan, PlanInput } from '../common/plan/plan-schema.js';
import { UsageError } from './args.js';

export function readAnswersFile(file: string | undefined): { answers: Answers; plan: Plan; input: PlanInput } {
  if (file === undefined) throw new UsageError('needs --answers FILE (an answers file; see assets/examples/)');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `no answers file ${file}` : `cannot read the answers file ${file} (${code ?? 'error'})`,
    );
  }
  return parseAnswersText(text);
}
