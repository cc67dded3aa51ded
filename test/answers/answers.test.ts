// Answers files: every problem with its JSON path (and where it is in the file), nothing accepted that the wizard
// would ignore, and hostile text in every field either refused at its path or kept as it was written.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  AnswersError,
  answersText,
  jsonPath,
  parseAnswersText,
  type AnswersIssue,
} from '../../electron/common/answers/answers-schema.js';
import type { PlanInput } from '../../electron/common/plan/plan-schema.js';
import { hostileStrings } from '../powershell/hostile-corpus.js';

const EXAMPLE = readFileSync('assets/examples/gmsa-scheduled-task.json', 'utf8');

function problems(text: string): AnswersIssue[] {
  try {
    parseAnswersText(text);
  } catch (error) {
    if (error instanceof AnswersError) return [...error.issues];
    throw error;
  }
  assert.fail('the answers were accepted');
}

/** The example with one change (a function of the parsed JSON). */
function variant(
  change: (doc: { version: unknown; plan: Record<string, unknown> & { task: Record<string, unknown> } }) => void,
): string {
  const doc = JSON.parse(EXAMPLE);
  change(doc);
  return JSON.stringify(doc, null, 2);
}

describe('answers files', () => {
  it('reads both examples into plans', () => {
    const gmsa = parseAnswersText(EXAMPLE);
    assert.equal(gmsa.plan.accountType, 'gmsa');
    assert.deepEqual((gmsa.plan.workloads[0]?.settings as { trigger?: unknown } | undefined)?.trigger, {
      kind: 'daily',
      at: '12:05',
    });
    assert.equal(gmsa.plan.workloads[0]?.id, 'task');
    assert.equal(gmsa.answers.$schema, '../answers.schema.json');
    const smsa = parseAnswersText(readFileSync('assets/examples/smsa.json', 'utf8'));
    assert.equal(smsa.plan.smsa?.computer, 'WEB01');
    assert.deepEqual(smsa.plan.workloads, []);
  });

  it('reports invalid JSON with its line and column', () => {
    const cases: [string, string, number, number, RegExp][] = [
      ['{\n  "version": 1\n  "plan": {}\n}', '$', 3, 3, /Expected ',' or '}' after the value of version but found '"'/],
      ['{ "version": 1, "plan": { "name": "svc } }', '$.plan.name', 1, 43, /not closed/],
      ["{ 'version': 1 }", '$', 1, 3, /field name in double quotes/],
      ['{ "version": 1, "plan": [1, 2,] }', '$.plan[2]', 1, 31, /Expected a value .* but found '\]'/],
      ['', '$', 1, 1, /Expected a value .* the end of the file/],
      ['{ "version": 1 } x', '$', 1, 18, /Expected the end of the file but found 'x'/],
      ['{ "version": 1, "version": 1 }', '$', 1, 17, /The field version appears twice \(first on line 1\)/],
      ['{ "a": "tab\there" }', '$.a', 1, 12, /control characters/],
      ['{ "a": "\\x" }', '$.a', 1, 9, /\\x is not a JSON escape/],
      [
        `${'['.repeat(70)}${']'.repeat(70)}`,
        '$[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]',
        1,
        66,
        /nested deeper than 64/,
      ],
    ];
    for (const [text, path, line, column, message] of cases) {
      const [issue, ...rest] = problems(text);
      assert.equal(rest.length, 0, text);
      assert.equal(issue?.path, path, text);
      assert.deepEqual([issue?.line, issue?.column], [line, column], text);
      assert.match(issue?.message ?? '', /^The file is not valid JSON: /, text);
      assert.match(issue?.message ?? '', message, text);
    }
  });

  it('skips a byte-order mark and refuses a file over 1 MB', () => {
    assert.equal(parseAnswersText(`\uFEFF${EXAMPLE}`).plan.name, 'svc-report');
    assert.match(problems(`${EXAMPLE}${' '.repeat(1024 * 1024)}`)[0]?.message ?? '', /larger than/);
  });

  it('refuses unknown fields at any depth, each with its path and where it is', () => {
    const text = variant((doc) => {
      Object.assign(doc, { comment: 'x' });
      Object.assign(doc.plan, { groupName: 'x' });
      (doc.plan.gmsa as { group: Record<string, unknown> }).group.colour = 'blue';
      Object.assign(doc.plan.task.trigger as object, { every: 2 });
      Object.assign(doc.plan.task.action as object, { 'run as': 'SYSTEM', __proto__: { x: 1 } });
    });
    const found = problems(text);
    const byPath = Object.fromEntries(found.map((i) => [i.path, i.message]));
    assert.deepEqual(byPath, {
      '$.comment': 'Remove the unknown field comment.',
      '$.plan.groupName': 'Remove the unknown field groupName.',
      '$.plan.gmsa.group.colour': 'Remove the unknown field colour.',
      '$.plan.task.trigger.every': 'Remove the unknown field every.',
      '$.plan.task.action["run as"]': 'Remove the unknown field run as.',
    });
    const colour = found.find((i) => i.path === '$.plan.gmsa.group.colour');
    const lines = text.split('\n');
    assert.match(lines[(colour?.line ?? 0) - 1]?.slice((colour?.column ?? 1) - 1) ?? '', /^"colour": "blue"/);
  });

  it('refuses a "__proto__" key written in the file as an unknown field (never a prototype)', () => {
    const text = EXAMPLE.replace('"version": 1,', '"version": 1, "__proto__": { "polluted": true },');
    assert.deepEqual(
      problems(text).map((i) => [i.path, i.message]),
      [['$.__proto__', 'Remove the unknown field __proto__.']],
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('refuses wrong types and values with their paths; a missing field points at its object', () => {
    const text = variant((doc) => {
      doc.version = '1';
      doc.plan.passwordIntervalDays = '30';
      doc.plan.spns = 'HTTP/web01';
      (doc.plan.gmsa as { computers: unknown[] }).computers = ['WEB01', 'web01.contoso.com'];
      delete (doc.plan as Record<string, unknown>).targetComputer;
      doc.plan.task.highestPrivileges = 'yes';
      doc.plan.task.trigger = { kind: 'hourly' };
    });
    const found = problems(text);
    const paths = [...new Set(found.map((i) => i.path))].sort();
    assert.deepEqual(paths, [
      '$.plan.gmsa.computers[1]',
      '$.plan.passwordIntervalDays',
      '$.plan.spns',
      '$.plan.targetComputer',
      '$.plan.task.highestPrivileges',
      '$.plan.task.trigger.kind',
      '$.version',
    ]);
    const by = (p: string) => found.find((i) => i.path === p);
    assert.match(by('$.version')?.message ?? '', /reads answers files of versions 1 and 2/);
    assert.ok(found.some((i) => i.path === '$.plan.gmsa.computers[1]' && /computer name only/.test(i.message)));
    assert.match(by('$.plan.task.trigger.kind')?.message ?? '', /once', 'daily', 'weekly' or 'startup'/);
    // targetComputer is missing: its position is the plan object's.
    assert.equal(by('$.plan.targetComputer')?.line, by('$.plan.targetComputer') && 4);
    const error = (() => {
      try {
        parseAnswersText(text);
      } catch (e) {
        return e as AnswersError;
      }
      return undefined;
    })();
    assert.match(error?.message ?? '', /^\$\.version \(line 3, column 3\): /m);
  });

  it('writes jsonPath and answersText so that they read back', () => {
    assert.equal(jsonPath(['plan', 'spns', 0]), '$.plan.spns[0]');
    assert.equal(jsonPath(['$schema']), '$.$schema');
    assert.equal(jsonPath(['a b', 'c"d']), '$["a b"]["c\\"d"]');
    const input = JSON.parse(EXAMPLE).plan as PlanInput;
    assert.deepEqual(parseAnswersText(answersText(input, 'x.json')).input, input);
  });
});

describe('hostile text in every field', () => {
  const corpus = hostileStrings(400);
  const sample = corpus.filter((_, i) => i % Math.ceil(corpus.length / 60) === 0);
  /**
   * Each text field. keep 'exact': free text (and DNs), which must come back exactly as written when accepted;
   * 'trim': Windows paths, the same but for surrounding spaces; 'names': allowlisted, normalised (case, trim, $).
   */
  type Keep = 'exact' | 'trim' | 'names';
  type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const FIELDS: { path: (string | number)[]; keep: Keep; set: (doc: Doc, v: string) => void }[] = [
    { path: ['$schema'], keep: 'exact', set: (d, v) => (d.$schema = v) },
    { path: ['plan', 'name'], keep: 'names', set: (d, v) => (d.plan.name = v) },
    { path: ['plan', 'description'], keep: 'exact', set: (d, v) => (d.plan.description = v) },
    { path: ['plan', 'dnsHostName'], keep: 'names', set: (d, v) => (d.plan.dnsHostName = v) },
    { path: ['plan', 'spns', 0], keep: 'names', set: (d, v) => (d.plan.spns = [v]) },
    { path: ['plan', 'ouPath'], keep: 'exact', set: (d, v) => (d.plan.ouPath = v) },
    { path: ['plan', 'gmsa', 'group', 'name'], keep: 'names', set: (d, v) => (d.plan.gmsa.group.name = v) },
    { path: ['plan', 'gmsa', 'group', 'path'], keep: 'exact', set: (d, v) => (d.plan.gmsa.group.path = v) },
    { path: ['plan', 'gmsa', 'computers', 1], keep: 'names', set: (d, v) => d.plan.gmsa.computers.push(v) },
    { path: ['plan', 'targetComputer'], keep: 'names', set: (d, v) => (d.plan.targetComputer = v) },
    { path: ['plan', 'task', 'name'], keep: 'names', set: (d, v) => (d.plan.task.name = v) },
    { path: ['plan', 'task', 'folder'], keep: 'names', set: (d, v) => (d.plan.task.folder = v) },
    { path: ['plan', 'task', 'action', 'path'], keep: 'trim', set: (d, v) => (d.plan.task.action.path = v) },
    { path: ['plan', 'task', 'action', 'arguments'], keep: 'exact', set: (d, v) => (d.plan.task.action.arguments = v) },
    {
      path: ['plan', 'task', 'action', 'workingDirectory'],
      keep: 'trim',
      set: (d, v) => (d.plan.task.action.workingDirectory = v),
    },
    { path: ['plan', 'task', 'trigger', 'at'], keep: 'names', set: (d, v) => (d.plan.task.trigger.at = v) },
  ];
  const get = (value: unknown, path: (string | number)[]): unknown =>
    path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], value);

  it('is refused at its own path, or kept exactly (free text) or only as allowlisted characters (names)', () => {
    let kept = 0;
    let refused = 0;
    for (const field of FIELDS) {
      for (const text of sample) {
        const doc = JSON.parse(EXAMPLE);
        field.set(doc, text);
        // JSON.stringify escapes what JSON must (quotes, backslashes, controls, lone surrogates as \\uD800).
        const json = JSON.stringify(doc);
        let result: ReturnType<typeof parseAnswersText> | undefined;
        try {
          result = parseAnswersText(json);
        } catch (error) {
          assert.ok(error instanceof AnswersError, String(error));
          const at = jsonPath(field.path);
          assert.ok(
            error.issues.some(
              (i) =>
                i.path === at || i.path.startsWith(`${at}.`) || i.path.startsWith(`${at}[`) || at.startsWith(i.path),
            ),
            `${at} ${JSON.stringify(text)}: ${error.message}`,
          );
          refused++;
          continue;
        }
        // A version 1 task is the plan's first workload once read.
        const path =
          field.path[0] === 'plan' && field.path[1] === 'task'
            ? ['plan', 'workloads', 0, 'settings', ...field.path.slice(2)]
            : field.path;
        const value = get({ ...result.answers }, path);
        const what = `${jsonPath(field.path)} ${JSON.stringify(text)}`;
        if (field.keep === 'exact') assert.equal(value, text, what);
        else if (field.keep === 'trim') assert.equal(value, text.trim(), what);
        else assert.match(String(value), /^[A-Za-z0-9 .:_()\\/-]*$/, what);
        kept++;
      }
    }
    assert.ok(kept > 50 && refused > 300, `kept ${kept}, refused ${refused}`);
  });
});
