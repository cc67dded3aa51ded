// The answers file and the exported script through the API (what the GUI's Save, Open and Export call): the same
// text as the CLI, a save/open round trip, and a bad file refused with each problem mapped onto the form's fields.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { apiResultSchema, type ApiError } from '../../electron/common/api/contract.js';
import { createApi } from '../../electron/common/api/handlers.js';
import { parseAnswersText } from '../../electron/common/answers/answers-schema.js';
import { planScriptFile } from '../../electron/common/export/plan-script.js';

// None of these methods runs PowerShell: a session that refuses proves it.
const api = createApi({
  session: { invoke: async () => Promise.reject(new Error('no PowerShell here')) },
  mode: 'practice',
  transport: 'lab-host',
  emit: () => undefined,
  journalDir: mkdtempSync(path.join(tmpdir(), 'msa-journal-')),
});
const call = async (method: string, input: object) => apiResultSchema.parse(await api.dispatch(method, input));
const example = (name: string) => readFileSync(path.join('assets', 'examples', name), 'utf8');

describe('answers and export over the API', () => {
  it('exports the same script as msa-wizard plan for the classic example', async () => {
    const { plan, input } = parseAnswersText(example('gmsa-scheduled-task.json'));
    const result = await call('plan.export', { plan: input });
    assert.ok(result.ok, JSON.stringify(result));
    const value = result.value as { text: string; fileName: string };
    assert.equal(value.text, planScriptFile(plan, { input }));
    assert.ok(value.text.startsWith('\uFEFF#'), 'a byte-order mark, then the header');
    assert.equal(value.fileName, `msa-setup-${plan.name}.ps1`);
  });

  it('saves a plan as an answers file and opens it again unchanged', async () => {
    const { input } = parseAnswersText(example('smsa.json'));
    const saved = await call('answers.text', { plan: input });
    assert.ok(saved.ok);
    const { text } = saved.value as { text: string };
    const opened = await call('answers.parse', { text });
    assert.ok(opened.ok);
    assert.deepEqual((opened.value as { plan: unknown }).plan, input);
  });

  it('refuses a bad answers file with each problem on its form field, and invalid JSON with its line', async () => {
    const bad = JSON.stringify({ version: 1, plan: { accountType: 'gmsa', name: 'a b', spns: ['x'], extra: 1 } });
    const result = await call('answers.parse', { text: bad });
    assert.ok(!result.ok);
    const error: ApiError = result.error;
    assert.equal(error.kind, 'BadInput');
    const paths = new Set((error.issues ?? []).map((i) => i.path));
    for (const p of ['name', 'spns.0', 'targetComputer']) assert.ok(paths.has(p), `${p} in ${[...paths].join(', ')}`);
    const broken = await call('answers.parse', { text: '{\n  "version": 1,\n  "plan": {\n' });
    assert.ok(!broken.ok);
    assert.match(broken.error.issues?.[0]?.message ?? '', /line \d+, column \d+/);
  });
});
