// The answers file: the wizard's choices as one JSON document, versioned, strict (an unknown field is a problem,
// never ignored), checked with the plan's own zod rules. `parseAnswersText` turns any file into a Plan or an
// AnswersError listing every problem with its JSON path ($.plan.gmsa.computers[1]) and where it is in the file.
// The format is documented in README.md beside this file; assets/answers.schema.json is its JSON Schema.
import { z } from 'zod';
import { resolvedPlanSchema, type Plan, type PlanInput } from '../plan/plan-schema.js';
import { exactObject, issueList } from '../strict-schema.js';
import { printable } from '../unicode.js';
import { JsonTextError, parseJsonText, pathKey, type TextPosition } from './json-text.js';
import { MAX_ANSWERS_BYTES } from './limits.js';

/** The version this MSA Wizard writes: 2 (workloads). Version 1 files (a plan with `task`) still open. */
export const ANSWERS_VERSION = 2;
export const ANSWERS_VERSIONS = [1, 2] as const;
export { MAX_ANSWERS_BYTES };

export const answersSchema = exactObject({
  $schema: z
    .string({ message: '$schema is the path or URL of the JSON Schema, as text.' })
    .max(2048, '$schema is too long.')
    .optional()
    .describe("For editors: the answers' JSON Schema, e.g. ../answers.schema.json. Ignored by MSA Wizard."),
  version: z
    .literal(ANSWERS_VERSIONS, {
      message: `This MSA Wizard reads answers files of versions 1 and ${ANSWERS_VERSION}: set "version": ${ANSWERS_VERSION}.`,
    })
    .describe('The answers format version: 2 (1: the plan holds at most one scheduled task, as `task`).'),
  plan: resolvedPlanSchema.describe(
    'The setup plan: the account, who may use it, where, and its workloads (scheduled tasks, services, app pools).',
  ),
}).describe('MSA Wizard answers: the choices of the wizard, to export as a script or apply with msa-wizard apply.');

export type AnswersInput = z.input<typeof answersSchema>;
export type Answers = z.output<typeof answersSchema>;

export interface AnswersIssue {
  /** JSONPath of the value the problem is about: '$' for the whole file, '$.plan.name', '$.plan.spns[0]'. */
  readonly path: string;
  /** The same place as a plan path, as the form's fields know it ('gmsa.computers.1'); '' when outside the plan. */
  readonly planPath: string;
  readonly message: string;
  /** Where that value is in the file (absent when it is missing: then the enclosing object's position). */
  readonly line?: number;
  readonly column?: number;
}

/** A bad answers file: every problem, with its JSON path. Nothing was run. */
export class AnswersError extends Error {
  constructor(readonly issues: readonly AnswersIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'AnswersError';
  }
}

export const formatIssue = (i: AnswersIssue): string =>
  `${i.path}${i.line === undefined ? '' : ` (line ${i.line}, column ${i.column ?? 1})`}: ${i.message}`;

/** ['plan', 'gmsa', 'computers', 1] → 'gmsa.computers.1' (the plan's own path); '' outside the plan. */
const planPathOf = (path: readonly PropertyKey[]): string =>
  path[0] === 'plan' ? path.slice(1).map(String).join('.') : '';

/** ['plan', 'spns', 0] → '$.plan.spns[0]'; keys that are not plain names are quoted: $['a b']. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`;
    const key = String(part);
    return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${out}.${key}` : `${out}[${printable(JSON.stringify(key))}]`;
  }, '$');
}

/** Reads an answers file's text: the plan, or AnswersError with every problem. */
export function parseAnswersText(text: string): { answers: Answers; plan: Plan; input: PlanInput } {
  if (Buffer.byteLength(text, 'utf8') > MAX_ANSWERS_BYTES) {
    throw new AnswersError([
      {
        path: '$',
        planPath: '',
        message: `The file is larger than ${MAX_ANSWERS_BYTES} bytes: this is not an answers file.`,
      },
    ]);
  }
  let json: ReturnType<typeof parseJsonText>;
  try {
    json = parseJsonText(text);
  } catch (error) {
    if (!(error instanceof JsonTextError)) throw error;
    throw new AnswersError([
      {
        path: jsonPath(error.path),
        planPath: planPathOf(error.path),
        message: `The file is not valid JSON: ${error.message}`,
        ...error.position,
      },
    ]);
  }
  return parseAnswers(json.value, json.positions);
}

/** Checks an answers document already read as JSON (positions, when known, locate each problem in the file). */
export function parseAnswers(
  value: unknown,
  positions: ReadonlyMap<string, TextPosition> = new Map(),
): { answers: Answers; plan: Plan; input: PlanInput } {
  const parsed = answersSchema.safeParse(value);
  if (!parsed.success) {
    throw new AnswersError(
      issueList(parsed.error).map((i) => {
        // A missing field has no position of its own: point at the object it belongs in.
        let at: TextPosition | undefined;
        for (let n = i.path.length; n >= 0 && at === undefined; n--) at = positions.get(pathKey(i.path.slice(0, n)));
        return { path: jsonPath(i.path), planPath: planPathOf(i.path), message: i.message, ...(at ?? {}) };
      }),
    );
  }
  const input = (value as { plan: PlanInput }).plan;
  return { answers: parsed.data, plan: parsed.data.plan, input };
}

/** An answers file's text for a plan as entered (what the GUI saves): pretty JSON, one trailing newline. */
export function answersText(plan: PlanInput, schemaRef?: string): string {
  const doc: AnswersInput = {
    ...(schemaRef === undefined ? {} : { $schema: schemaRef }),
    version: ANSWERS_VERSION,
    plan,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
