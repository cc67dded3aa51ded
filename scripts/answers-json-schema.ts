// The answers file's JSON Schema, for editors (VS Code completes and checks a file whose "$schema" points at it).
// Made from the zod schema's input side: types, enums, defaults, required fields, descriptions and
// additionalProperties: false. Rules zod checks in code (allowlists, cross-field rules) are not in it: MSA Wizard
// itself is the judge (msa-wizard plan / apply say exactly what to change). `npm run gen:schema` writes
// assets/answers.schema.json; test/answers checks that the committed file is current. A development tool: here,
// not in electron/, so the app does not pack it.
import { z } from 'zod';
import { dnsHostNameSchema } from '../electron/common/plan/plan-schema.js';
import { answersSchema } from '../electron/common/answers/answers-schema.js';

export const ANSWERS_SCHEMA_FILE = 'assets/answers.schema.json';

export function answersJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(answersSchema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
    // The DNS name is lower-cased before its pattern is checked: the pattern would wrongly flag capitals.
    override: (ctx) => {
      if (ctx.zodSchema === dnsHostNameSchema) delete ctx.jsonSchema.pattern;
    },
  });
  return {
    $schema: schema.$schema,
    title: 'MSA Wizard answers',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}

/** The file's text before formatting (the generator and the test format it with the repository's Prettier). */
export const answersJsonSchemaText = (): string => `${JSON.stringify(answersJsonSchema(), null, 2)}\n`;
