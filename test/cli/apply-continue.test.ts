// msa-wizard apply after a stop: run again with the same answers, it continues the open run of that plan (one
// journal; finished steps stay done and are not run again; the stopped step runs again) rather than starting a new
// one whose survey would take what the first made for "found" and never undo it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { newLab } from '../helpers/lab.js';

function cli(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['bin/msa-wizard.js', ...args], { encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const GMSA = 'assets/examples/gmsa-scheduled-task.json';

describe('msa-wizard apply again after a stop', () => {
  it('continues the open run of the same answers: one journal, finished steps kept, the stopped step run again', () => {
    const dir = newLab('gpo-managed-rights');
    const first = cli('apply', '--answers', GMSA, '--lab-dir', dir);
    assert.equal(first.code, 1, first.out + first.err);
    assert.match(
      first.out,
      /^Stopped at step 8 of 10\. Fix what it says, then run apply again: with the same answers it continues this run from that step/m,
    );
    const journal = /Journal: (.*\.jsonl)$/m.exec(first.out)?.[1];
    assert.ok(journal !== undefined, first.out);

    const second = cli('apply', '--answers', GMSA, '--lab-dir', dir);
    assert.equal(second.code, 1, second.out + second.err);
    assert.match(
      second.out,
      /^Continuing the open run of these answers \(started [^)]+\): finished steps stay done\./m,
    );
    const earlier = [...second.out.matchAll(/^\[(\d+)\/10\] .+ … (done|exists) \(earlier\)$/gm)].map((m) =>
      Number(m[1]),
    );
    assert.deepEqual(earlier, [1, 2, 3, 4, 5, 6, 7], second.out);
    assert.match(second.out, /^\[8\/10\] Grant "Log on as a batch job" on WEB01 … conflict \(\d+ ms\)$/m);
    assert.ok(second.out.includes(`Journal: ${journal}`), 'the same journal');
    assert.equal(readdirSync(path.join(dir, 'journal')).length, 1, 'no second run');
  });
});
