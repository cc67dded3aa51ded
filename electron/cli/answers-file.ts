// Reading an answers file for `plan` and `apply`: every problem is bad input (exit 2), listed with its JSON path. A
// file larger than an answers file can be is refused from its size, before it is read; one that is not UTF-8 is
// refused with the line of its first foreign byte (../common/answers/file-bytes.ts, shared with the GUI).
import { readFileSync, statSync } from 'node:fs';
import { parseAnswersText, type Answers } from '../common/answers/answers-schema.js';
import { answersFileText, answersFileTooLarge } from '../common/answers/file-bytes.js';
import type { Plan, PlanInput } from '../common/plan/plan-schema.js';
import { UsageError } from './args.js';

export function readAnswersFile(file: string | undefined): { answers: Answers; plan: Plan; input: PlanInput } {
  if (file === undefined) throw new UsageError('needs --answers FILE (an answers file; see assets/examples/)');
  let bytes: Buffer;
  try {
    const tooLarge = answersFileTooLarge(statSync(file).size);
    if (tooLarge !== null) throw new UsageError(`${file}: ${tooLarge}`);
    bytes = readFileSync(file);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `no answers file ${file}` : `cannot read the answers file ${file} (${code ?? 'error'})`,
    );
  }
  const read = answersFileText(bytes);
  if (!read.ok) throw new UsageError(`${file}: ${read.message}`);
  return parseAnswersText(read.text);
}
