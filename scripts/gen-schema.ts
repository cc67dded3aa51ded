// npm run gen:schema: writes assets/answers.schema.json (the answers file's JSON Schema), formatted with Prettier.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { ANSWERS_SCHEMA_FILE, answersJsonSchemaText } from './answers-json-schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The schema file's text as committed: generated, then formatted like every file in the repository. */
export async function formattedSchemaText(): Promise<string> {
  const file = path.join(root, ANSWERS_SCHEMA_FILE);
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(answersJsonSchemaText(), { ...options, filepath: file });
}

if (process.argv[1] !== undefined && /gen-schema\.(ts|js)$/.test(process.argv[1])) {
  const file = path.join(root, ANSWERS_SCHEMA_FILE);
  writeFileSync(file, await formattedSchemaText());
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
