// The committed JSON Schema (assets/answers.schema.json) is what `npm run gen:schema` makes now; the examples point
// at it, are valid answers, and use only fields it knows; the README documents every field it has.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseAnswersText } from '../../electron/common/answers/answers-schema.js';
import { formattedSchemaText } from '../../scripts/gen-schema.js';
import { ANSWERS_SCHEMA_FILE } from '../../scripts/answers-json-schema.js';

const EXAMPLES = ['assets/examples/smsa.json', 'assets/examples/gmsa-scheduled-task.json'];

interface JsonSchemaNode {
  properties?: Record<string, JsonSchemaNode>;
  additionalProperties?: boolean;
  oneOf?: JsonSchemaNode[];
  anyOf?: JsonSchemaNode[];
  items?: JsonSchemaNode;
}

/** Every property path in the schema ('plan.task.action.kind'), and whether every object is closed. */
function walk(node: JsonSchemaNode, prefix: string, out: { paths: Set<string>; open: string[] }): void {
  if (node.properties !== undefined) {
    if (node.additionalProperties !== false) out.open.push(prefix || '(top)');
    for (const [key, child] of Object.entries(node.properties)) {
      const p = prefix === '' ? key : `${prefix}.${key}`;
      out.paths.add(p);
      walk(child, p, out);
    }
  }
  for (const alt of [...(node.oneOf ?? []), ...(node.anyOf ?? [])]) walk(alt, prefix, out);
  if (node.items !== undefined) walk(node.items, prefix, out);
}

describe('the answers JSON Schema', () => {
  it('is up to date (npm run gen:schema)', async () => {
    assert.equal(readFileSync(ANSWERS_SCHEMA_FILE, 'utf8'), await formattedSchemaText(), 'run npm run gen:schema');
  });

  it('closes every object (additionalProperties: false) and the README documents every field', () => {
    const schema = JSON.parse(readFileSync(ANSWERS_SCHEMA_FILE, 'utf8')) as JsonSchemaNode;
    const out = { paths: new Set<string>(), open: [] as string[] };
    walk(schema, '', out);
    assert.deepEqual(out.open, []);
    assert.ok(out.paths.size > 30, `${out.paths.size} fields`);
    const readme = readFileSync('electron/common/answers/README.md', 'utf8');
    for (const p of out.paths) {
      const last = p.replace(/^plan\.(task\.|workloads\.(settings\.)?)?/, '');
      // Documented as `field` or within a longer `field.sub` name.
      assert.ok(new RegExp(`\`${last.replace(/[.$]/g, '\\$&')}[\`.]`).test(readme), `README: ${p}`);
    }
  });

  it('the examples are valid answers and point at the schema file', () => {
    for (const file of EXAMPLES) {
      const { answers } = parseAnswersText(readFileSync(file, 'utf8'));
      assert.equal(answers.$schema, '../answers.schema.json', file);
      assert.ok(existsSync(path.resolve(path.dirname(file), answers.$schema ?? '')), file);
    }
  });
});
