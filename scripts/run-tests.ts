// npm test's runner: every *.test.ts under test/, through Node's own test runner with tsx, one file per process.
// (Node 20's --test does not expand globs itself.) pwsh from ~/.dotnet/tools is put on PATH for the tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';

function testFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) return testFiles(full);
      return entry.endsWith('.test.ts') ? [full] : [];
    });
}

const filter = process.argv.slice(2);
const files = testFiles('test').filter((f) => filter.length === 0 || filter.some((word) => f.includes(word)));
if (files.length === 0) {
  console.error(`no test files match ${filter.join(' ')}`);
  process.exit(1);
}
const runDir = mkdtempSync(path.join(tmpdir(), 'msa-test-run-'));
// Per run: the LabTypes cache and the lab hosts' advertisements never go to the developer's own folders.
const env = {
  MSA_WIZARD_LAB_CACHE: path.join(runDir, 'lab-types'),
  MSA_WIZARD_LAB_HOSTS_DIR: path.join(runDir, 'lab-hosts'),
  ...process.env,
  PATH: [process.env.PATH, path.join(homedir(), '.dotnet', 'tools')].join(path.delimiter),
};
// Three files at a time: most of a test's time is spent waiting on pwsh or Chromium, not on the CPU (a serial run of
// the suite keeps a 2-core machine about 20% busy), so a little concurrency shortens the run without starving it.
const concurrency = process.env.MSA_TEST_CONCURRENCY ?? '3';
const args = ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files];
const result = spawnSync(process.execPath, args, {
  stdio: 'inherit',
  env,
});
process.exit(result.status ?? 1);
