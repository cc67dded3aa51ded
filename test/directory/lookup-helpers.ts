// What the directory lookup tests share: the lab state file's bytes (lookups must never change it) and an Exec
// that fails the test if a lookup runs PowerShell at all (bad input is refused before that).
import assert from 'node:assert/strict';
import type { z } from 'zod';
import type { Exec } from '../../electron/common/checks/run.js';
import { PlanInputError } from '../../electron/common/plan/plan-schema.js';

export { labStateText as stateText } from '../helpers/lab.js';

export const noPowerShell: Exec = () => {
  throw new Error('bad input must be refused before any PowerShell runs');
};

/** The issues the plan form shows for `value` under `path` (the same zod rule, the same messages). */
export function planIssues(schema: z.ZodType, value: unknown, path: string): { path: string; message: string }[] {
  const parsed = schema.safeParse(value);
  assert.ok(!parsed.success, `${JSON.stringify(value)} should be refused by the plan`);
  return parsed.error.issues.map((i) => ({ path: [path, ...i.path.map(String)].join('.'), message: i.message }));
}

/** Asserts `promise` rejects with a PlanInputError with exactly these issues. */
export async function rejectsWith(
  promise: Promise<unknown>,
  issues: readonly { path: string; message: string }[],
): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof PlanInputError, String(err));
    assert.deepEqual(err.issues, issues);
    assert.ok(issues.length > 0);
    return true;
  });
}
