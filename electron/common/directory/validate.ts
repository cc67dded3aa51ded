// Both ends of a directory lookup: the input, checked with the plan form's own rules (a PlanInputError names the
// field and what to change, before any PowerShell runs), and the script's answer, checked against its zod shape.
import type { z } from 'zod';
import { PlanInputError } from '../plan/plan-schema.js';

export const LOOKUP_TIMEOUT_MS = 60_000;

/** Parses `value` with a plan rule; on failure throws PlanInputError with every issue under `path`. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, path: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new PlanInputError(
      parsed.error.issues.map((i) => ({ path: [path, ...i.path.map(String)].join('.'), message: i.message })),
    );
  }
  return parsed.data;
}

/** What a lookup script wrote, validated. */
export function parseAnswer<S extends z.ZodType>(schema: S, answer: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(answer);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `The ${what} answered in an unexpected shape (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}); this is a bug in the wizard.`,
    );
  }
  return parsed.data;
}
