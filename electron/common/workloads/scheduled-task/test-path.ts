// Does the task's script (or program) exist on the computer the task will run on? Asked when the admin adds the task
// form, before any step grants a right (the scheduled-task step checks it again at run time). Read-only, one round
// trip: Test-Path -LiteralPath on this computer in the session, or on another computer through ONE Invoke-Command
// (the block only tests the path: it never touches AD, so there is no second hop). A computer remoting cannot reach
// is not a missing file: the answer says so and the form keeps the path (a warning, not a refusal).
import { z } from 'zod';
import type { Exec } from '../../checks/run.js';
import { LOOKUP_TIMEOUT_MS, parseAnswer, parseInput } from '../../directory/validate.js';
import { computerNameSchema } from '../../plan/plan-schema.js';
import { ps, type PsScript } from '../../powershell/script.js';
import { PsCommandError } from '../../powershell/session-errors.js';
import { remotingProblemOf } from '../../remote/problems.js';

export type PathKind = 'file' | 'folder';

export interface PathTest {
  readonly computer: string;
  readonly path: string;
  /** true/false from Test-Path; null when the computer could not be asked (see `unreachable`). */
  readonly exists: boolean | null;
  /** What is there: a file (Leaf), a folder (Container), or nothing. */
  readonly kind: PathKind | null;
  /** Why the computer could not be asked (remoting's cause and fix in words), else null. */
  readonly unreachable: string | null;
}

const pathSchema = z
  .string({ message: 'Enter the path.' })
  .trim()
  .min(1, 'Enter the path.')
  .max(260, 'A path has at most 260 characters.')
  // eslint-disable-next-line no-control-regex -- a typed control character is refused, not sent
  .refine((p) => !/[\u0000-\u001f]/.test(p), 'The path contains a control character; retype it.');

const answerSchema = z.enum(['file', 'folder', 'none']);

/**
 * The read-only script. `here` decides on the computer itself ($env:COMPUTERNAME), so the same script is right
 * whether the wizard runs on the task's computer or not.
 */
export function testPathScript(computer: string, path: string): PsScript {
  return ps`# Read-only: is ${path} a file, a folder, or missing on ${computer}?
$computer = ${computer}
$path = ${path}
$test = {
    param([string]$Path)
    if (Test-Path -LiteralPath $Path -PathType Leaf) { 'file' }
    elseif (Test-Path -LiteralPath $Path -PathType Container) { 'folder' }
    else { 'none' }
}
if ($computer -eq ([string]$env:COMPUTERNAME).ToUpperInvariant()) {
    & $test $path
} else {
    Invoke-Command -ComputerName $computer -ErrorAction Stop -ArgumentList $path -ScriptBlock $test
}`;
}

/** Tests `path` on `computer` (a NetBIOS name, as the plan takes it). */
export async function testPath(exec: Exec, computer: string, path: string): Promise<PathTest> {
  const name = parseInput(computerNameSchema, computer, 'computer');
  const p = parseInput(pathSchema, path, 'path');
  try {
    const data = await exec('host.testPath', testPathScript(name, p), LOOKUP_TIMEOUT_MS);
    const answer = parseAnswer(answerSchema, data[data.length - 1], 'path test');
    return {
      computer: name,
      path: p,
      exists: answer !== 'none',
      kind: answer === 'none' ? null : answer,
      unreachable: null,
    };
  } catch (error) {
    const problem = error instanceof PsCommandError ? remotingProblemOf(error, name) : undefined;
    if (problem === undefined) throw error;
    return { computer: name, path: p, exists: null, kind: null, unreachable: `${problem.what} ${problem.fix}` };
  }
}
