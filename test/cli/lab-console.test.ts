// The lab console, warm: while a lab host serves a lab folder (npm run lab), `msa-wizard lab exec` runs in the host's
// warm PowerShell instead of starting its own, with the same output and exit code, each exec from a clean scope; a
// stale advertisement falls back to a cold run; the console endpoint refuses everyone but the CLI that read the secret,
// which is advertised in a per-user folder (here a temp one, MSA_WIZARD_LAB_HOSTS_DIR), never in the lab folder.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  ADVERT_DIR_ENV,
  advertDir,
  advertPath,
  advertSchema,
  CONSOLE_PATH,
  consoleReplySchema,
  type Advert,
  warmExec,
  writeAdvert,
} from '../../electron/labhost/console.js';
import { SessionError } from '../../electron/common/powershell/session-errors.js';
import { startLabHost, type LabHost } from '../../electron/labhost/server.js';
import { labConsole, newLab } from '../helpers/lab.js';

// This process's hosts and the CLIs it starts (which inherit the environment) use a private temp folder.
const hostsDir = path.join(mkdtempSync(path.join(tmpdir(), 'msa-lab-hosts-')), 'lab-hosts');
process.env[ADVERT_DIR_ENV] = hostsDir;

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** The CLI as an admin runs it, asynchronously: the host under test lives in this process and must keep serving. */
function cli(...args: string[]): Promise<Run> {
  return cliWith(process.env, ...args);
}

function cliWith(env: NodeJS.ProcessEnv, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/msa-wizard.js', ...args],
      { encoding: 'utf8', timeout: 240_000, maxBuffer: 16 * 1024 * 1024, env },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, out: stdout, err: stderr });
      },
    );
  });
}

const rendererDir = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'msa-renderer-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>MSA Wizard</title>');
  return dir;
};

const readAdvertFile = (labDir: string): Advert =>
  advertSchema.parse(JSON.parse(readFileSync(advertPath(labDir), 'utf8')));

/**
 * Console commands whose output does not depend on when they run: text, --json, an error, a warning, a computer,
 * an unknown computer, `exit` (which ends the PowerShell process, warm as cold).
 */
const COMMANDS: readonly (readonly string[])[] = [
  ['--', 'Get-ADUser -Filter * | Select-Object Name, SamAccountName, Enabled | Sort-Object Name'],
  ['--json', '--', 'Get-ADDomain | Select-Object DNSRoot, NetBIOSName, DomainMode'],
  ['--', 'Write-Warning "careful"; Get-ADUser -Identity nobody'],
  ['--computer', 'dc01', '--', '$env:COMPUTERNAME; (Get-Command Get-ADUser).Source'],
  ['--computer', 'nope', '--', '1'],
  ['--', '"before"; exit 3'],
];

describe('lab console, warm', () => {
  let labDir: string;
  let host: LabHost;
  const cold: Run[] = [];

  before(async () => {
    labDir = newLab('healthy');
    // Cold first (no host yet): what each command prints without one.
    for (const command of COMMANDS) cold.push(await cli('lab', 'exec', '--lab-dir', labDir, ...command));
    host = await startLabHost({ labDir, rendererDir: rendererDir(), console: true });
  });
  after(() => host.close());

  it('advertises itself in a per-user folder keyed by the lab folder, readable by its owner only; not in the lab', () => {
    assert.equal(advertDir(), hostsDir);
    const file = advertPath(labDir);
    assert.equal(path.dirname(file), hostsDir);
    assert.match(path.basename(file), /^[0-9a-f]{64}\.json$/);
    const advert = readAdvertFile(labDir);
    assert.equal(advert.port, host.port);
    assert.equal(advert.pid, process.pid);
    assert.equal(advert.labDir, realpathSync(labDir));
    if (process.platform !== 'win32') {
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.equal(statSync(hostsDir).mode & 0o777, 0o700);
    }
    for (const name of readdirSync(labDir)) {
      const entry = path.join(labDir, name);
      if (statSync(entry).isFile()) assert.doesNotMatch(readFileSync(entry, 'utf8'), new RegExp(advert.secret), name);
    }
    assert.equal(existsSync(path.join(labDir, 'lab-host.json')), false);
  });

  it('does not use an advertisement in a folder, or a file, that group or others can write (off Windows)', async (t) => {
    if (process.platform === 'win32') return t.diagnostic('Windows: %LOCALAPPDATA% is private to the user');
    const shared = path.join(mkdtempSync(path.join(tmpdir(), 'msa-lab-hosts-')), 'lab-hosts');
    mkdirSync(shared, { mode: 0o700 });
    const copied = path.join(shared, path.basename(advertPath(labDir)));
    writeFileSync(copied, readFileSync(advertPath(labDir)), { mode: 0o600 });
    const before = host.consoleExecs;
    const env = { ...process.env, [ADVERT_DIR_ENV]: shared };
    const trusted = await cliWith(env, 'lab', 'exec', '--lab-dir', labDir, '--', '1');
    assert.equal(trusted.code, 0, trusted.err);
    assert.equal(host.consoleExecs, before + 1, 'a private copy is used (the test is sound)');
    chmodSync(shared, 0o777);
    const r1 = await cliWith(env, 'lab', 'exec', '--lab-dir', labDir, '--', '1');
    assert.equal(r1.code, 0, r1.err);
    chmodSync(shared, 0o700);
    chmodSync(copied, 0o622);
    const r2 = await cliWith(env, 'lab', 'exec', '--lab-dir', labDir, '--', '1');
    assert.equal(r2.code, 0, r2.err);
    assert.equal(host.consoleExecs, before + 1, 'neither ran in the host: both cold');
  });

  it('runs lab exec in the running host, with the same output and exit code as a cold run', async () => {
    assert.deepEqual(
      cold.map((r) => r.code),
      [0, 0, 1, 0, 2, 1],
      cold.map((r) => r.err).join('\n'),
    );
    assert.match(cold[0]?.out ?? '', /Administrator/);
    assert.match(cold[2]?.err ?? '', /^WARNING: careful$/m);
    assert.match(cold[3]?.out ?? '', /^DC01$/m);
    const before = host.consoleExecs;
    for (const [i, command] of COMMANDS.entries()) {
      const warm = await cli('lab', 'exec', '--lab-dir', labDir, ...command);
      assert.deepEqual(warm, cold[i], `warm and cold differ for: ${command.join(' ')}`);
    }
    assert.equal(host.consoleExecs - before, COMMANDS.length, 'every exec went to the host');
  });

  it('starts each exec from a clean scope, as a new process would', async () => {
    const before = host.consoleExecs;
    const first = await cli(
      'lab',
      'exec',
      '--lab-dir',
      labDir,
      '--computer',
      'DC01',
      '--',
      '$x = 1; $global:g = 2; function global:Get-Leftover { 3 }; $env:MSA_LEFTOVER = "4"; Import-Module ActiveDirectory; Set-Location ([System.IO.Path]::GetTempPath()); "set"',
    );
    assert.equal(first.code, 0, first.err);
    assert.equal(first.out.trim(), 'set');
    const second = await cli(
      'lab',
      'exec',
      '--lab-dir',
      labDir,
      '--',
      '"x=[$x] g=[$global:g] f=[$(@(Get-Command Get-Leftover -ErrorAction SilentlyContinue).Count)] env=[$env:MSA_LEFTOVER] ad=[$(@(Get-Module ActiveDirectory).Count)] on=$env:COMPUTERNAME"; (Get-Location).Path',
    );
    assert.equal(second.code, 0, second.err);
    const [line, location] = second.out.trim().split('\n');
    assert.equal(line, 'x=[] g=[] f=[0] env=[] ad=[0] on=WEB01');
    assert.equal(location, process.cwd(), 'relative paths mean the CLI working folder, as cold');
    assert.equal(host.consoleExecs - before, 2);
  });

  it('refuses console requests without the secret, from a browser, for another Host or lab, or too large', async () => {
    const advert = readAdvertFile(labDir);
    const before = host.consoleExecs;
    const body = JSON.stringify({ labDir: advert.labDir, code: '"ran"', json: false, cwd: process.cwd() });
    const post = (headers: Record<string, string>, payload = body): Promise<number> =>
      new Promise((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: advert.port,
            path: CONSOLE_PATH,
            method: 'POST',
            headers: { Host: `127.0.0.1:${advert.port}`, 'Content-Type': 'application/json', ...headers },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    const secret = { 'X-MSA-Console-Secret': advert.secret };
    assert.equal(await post({}), 401, 'no secret');
    assert.equal(await post({ 'X-MSA-Console-Secret': 'f'.repeat(64) }), 401, 'wrong secret');
    assert.equal(await post({ 'X-MSA-Console-Secret': host.token }), 401, "the page's token is not the secret");
    assert.equal(await post({ ...secret, Origin: `http://127.0.0.1:${advert.port}` }), 403, 'same-origin page');
    assert.equal(await post({ ...secret, Origin: 'https://evil.example' }), 403, 'foreign page');
    assert.equal(await post({ ...secret, Host: 'evil.example' }), 421, 'DNS rebinding');
    assert.equal(await post({ ...secret, 'Content-Type': 'text/plain' }), 415);
    const other = JSON.stringify({ labDir: newLab('healthy'), code: '"ran"', json: false, cwd: process.cwd() });
    assert.equal(await post(secret, other), 409, 'another lab folder');
    assert.equal(await post(secret, JSON.stringify({ labDir: advert.labDir, code: 1 })), 400);
    assert.equal(await post(secret, 'x'.repeat(1024 * 1024 + 1)), 413);
    assert.equal(host.consoleExecs, before, 'nothing ran');
    assert.equal(await post(secret), 200, 'the same request with the secret runs');
    assert.equal(host.consoleExecs, before + 1);
  });

  it('fails, as a cold start there would, when the working folder does not exist (it does not run elsewhere)', async () => {
    const gone = path.join(mkdtempSync(path.join(tmpdir(), 'msa-gone-')), 'not-there');
    const { port, secret, labDir: real } = readAdvertFile(labDir);
    const reply = await new Promise<unknown>((resolve, reject) => {
      const body = JSON.stringify({ labDir: real, code: '"ran"', json: false, cwd: gone });
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: CONSOLE_PATH,
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-MSA-Console-Secret': secret },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    const parsed = consoleReplySchema.parse(reply);
    assert.equal(parsed.kind, 'session-error');
    assert.equal(parsed.kind === 'session-error' && parsed.errorKind, 'StartFailed');
    assert.match(parsed.kind === 'session-error' ? parsed.message : '', /not-there/);
  });

  it("a copy of the lab folder is another lab: it runs cold, not in the original's host", async () => {
    const copy = path.join(mkdtempSync(path.join(tmpdir(), 'msa-lab-copy-')), 'lab');
    cpSync(labDir, copy, { recursive: true });
    const before = host.consoleExecs;
    const r = await cli('lab', 'exec', '--lab-dir', copy, '--', '$env:MSA_WIZARD_LAB');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.trim(), path.resolve(copy), 'ran cold, on the copy');
    assert.equal(host.consoleExecs, before, 'the original lab host ran nothing');
  });

  it('ignores an advertisement filed under this lab that names another lab folder', async () => {
    const other = newLab('healthy');
    writeFileSync(advertPath(other), JSON.stringify(readAdvertFile(labDir)), { mode: 0o600 });
    const before = host.consoleExecs;
    const r = await cli('lab', 'exec', '--lab-dir', other, '--', '$env:MSA_WIZARD_LAB');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.trim(), path.resolve(other), 'ran cold, on the lab asked for');
    assert.equal(host.consoleExecs, before);
  });
});

describe('lab console, warm, when the lab changes between execs', () => {
  it('sets up each exec from the lab as it is then (RSAT installed meanwhile: the AD cmdlets are there)', async () => {
    const labDir = newLab('no-rsat');
    const host = await startLabHost({ labDir, rendererDir: rendererDir(), console: true });
    try {
      const count = '@(Get-Command Get-ADUser -ErrorAction SilentlyContinue).Count';
      const before = await cli('lab', 'exec', '--lab-dir', labDir, '--', count);
      assert.deepEqual(before, { code: 0, out: '0\n', err: '' });
      // Another admin (or the wizard) installs RSAT on WEB01 meanwhile, not through this console.
      await labConsole(labDir, 'Install-WindowsFeature -Name RSAT-AD-PowerShell | Out-Null');
      const after = await cli('lab', 'exec', '--lab-dir', labDir, '--', count);
      assert.deepEqual(after, { code: 0, out: '1\n', err: '' });
      assert.equal(host.consoleExecs, 2);
    } finally {
      await host.close();
    }
  });
});

describe('lab console, stale advertisement', () => {
  it('falls back to a cold run when the host is gone (its pid dead, or nobody on its port)', async () => {
    const labDir = newLab('healthy');
    const host = await startLabHost({ labDir, rendererDir: rendererDir(), console: true });
    const advert = readAdvertFile(labDir);
    await host.close();
    assert.equal(existsSync(advertPath(labDir)), false, 'close() removes the advertisement');

    // The host died without cleaning up: its pid (this test process) alive, its port closed.
    writeFileSync(advertPath(labDir), JSON.stringify(advert), { mode: 0o600 });
    const portClosed = await cli('lab', 'exec', '--lab-dir', labDir, '--', '(Get-ADDomain).DNSRoot');
    assert.deepEqual(portClosed, { code: 0, out: 'contoso.com\n', err: '' });

    // Its process gone: a pid that no longer runs.
    const dead = await new Promise<number>((resolve) => {
      const child = execFile(process.execPath, ['-e', '0'], () => resolve(child.pid ?? 0));
    });
    writeFileSync(advertPath(labDir), JSON.stringify({ ...advert, pid: dead }), { mode: 0o600 });
    const pidDead = await cli('lab', 'exec', '--lab-dir', labDir, '--', '(Get-ADDomain).DNSRoot');
    assert.deepEqual(pidDead, { code: 0, out: 'contoso.com\n', err: '' });
  });

  it('a host that refuses (another run of the host owns the port now) is not a failure: it runs cold', async () => {
    const labDir = newLab('healthy');
    const other = newLab('healthy');
    const host = await startLabHost({ labDir: other, rendererDir: rendererDir(), console: true });
    try {
      const advert = readAdvertFile(other);
      // An advertisement naming this lab but a host that serves another one (and holds another secret).
      writeFileSync(
        advertPath(labDir),
        JSON.stringify({ ...advert, labDir: realpathSync(labDir), secret: 'a'.repeat(64) }),
        { mode: 0o600 },
      );
      const before = host.consoleExecs;
      const r = await cli('lab', 'exec', '--lab-dir', labDir, '--', '$env:MSA_WIZARD_LAB');
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out.trim(), path.resolve(labDir));
      assert.equal(host.consoleExecs, before);
    } finally {
      await host.close();
    }
  });
});

describe('lab console, what the host answers', () => {
  /** A stand-in host answering every console request with this status; its advertisement filed for a new lab. */
  async function fakeHost(status: number): Promise<{ labDir: string; hits: () => number; close: () => void }> {
    let hits = 0;
    const server = http.createServer((req, res) => {
      hits += 1;
      req.resume();
      req.on('end', () => res.writeHead(status).end('no'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as { port: number }).port;
    const labDir = newLab('healthy');
    writeAdvert(labDir, { v: 1, pid: process.pid, port, secret: 'b'.repeat(64), labDir: realpathSync(labDir) });
    return { labDir, hits: () => hits, close: () => (server.closeAllConnections(), server.close()) };
  }

  it('runs cold after a refusal (4xx), but reports a failure (5xx) once the host may have started the script', async () => {
    for (const status of [400, 401, 403, 405, 409, 413, 415, 421]) {
      const host = await fakeHost(status);
      try {
        assert.equal(
          await warmExec(host.labDir, { code: '1', json: false, cwd: process.cwd() }),
          undefined,
          `${status}`,
        );
        assert.equal(host.hits(), 1);
      } finally {
        host.close();
      }
    }
    for (const status of [500, 502, 503]) {
      const host = await fakeHost(status);
      try {
        await assert.rejects(
          warmExec(host.labDir, { code: '1', json: false, cwd: process.cwd() }),
          (err: unknown) => err instanceof SessionError && /HTTP \d+/.test(err.message),
          `${status}`,
        );
      } finally {
        host.close();
      }
    }
  });

  it('accepts only the session error kinds there are in a reply', () => {
    const reply = (errorKind: string) => ({ kind: 'session-error', errorKind, message: 'm' });
    assert.equal(consoleReplySchema.safeParse(reply('StartFailed')).success, true);
    assert.equal(consoleReplySchema.safeParse(reply('Timeout')).success, true);
    assert.equal(consoleReplySchema.safeParse(reply('Bogus')).success, false);
  });
});
