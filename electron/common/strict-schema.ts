// Strict zod objects for files people write by hand (answers files, plans): an unknown field is a problem with its own
// path ("Remove the unknown field every."), never silently dropped, so a typo fails instead of setting up something
// else. The field's name is shown printable (control characters as \u001b). Shared by the plan, task and answers schemas.
import { z } from 'zod';
import { printable } from './unicode.js';

/**
 * z.strictObject whose unknown keys are reported as "Remove the unknown field <key>." (answers files must not carry
 * fields the wizard would silently ignore). `issueList` splits zod's one issue per object into one per key.
 */
export function exactObject<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'unrecognized_keys' ? `Remove the unknown field ${iss.keys.map(printable).join(', ')}.` : undefined,
  });
}

/** zod's issues as { path, message }, one per unknown key (the key appended to the path). */
export function issueList(error: z.ZodError): { path: PropertyKey[]; message: string }[] {
  return error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((key) => ({ path: [...i.path, key], message: `Remove the unknown field ${printable(key)}.` }))
      : [{ path: i.path, message: i.message }],
  );
}
