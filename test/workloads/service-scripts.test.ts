// The Windows service kind without a lab: its settings' rules, the decoding tables, the WQL escaping, and every
// script it can build (both steps, both judges, every undo, the survey part) parsed by pwsh, bound to the documented
// parameter sets, free of PowerShell-7-only syntax, and holding hostile service names only as literals.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { parsePlan, type Plan } from '../../electron/common/plan/plan-schema.js';
import { ps } from '../../electron/common/powershell/script.js';
import { joinPrelude, type CreatedObject } from '../../electron/common/steps/types.js';
import type { WorkloadContext } from '../../electron/common/workloads/types.js';
import { serviceWorkload } from '../../electron/common/workloads/service/index.js';
import {
  decodeChangeReturn,
  decodeStartError,
  logonFailureCause,
  START_ERROR,
} from '../../electron/common/workloads/service/codes.js';
import {
  needsPassword,
  READ_SERVICE,
  serviceFilter,
  wqlString,
} from '../../electron/common/workloads/service/service-read.js';
import {
  binaryExecutable,
  serviceSettingsSchema,
  type ServiceSettings,
  type ServiceSettingsInput,
} from '../../electron/common/workloads/service/settings.js';
import { undoServiceChanges } from '../../electron/common/workloads/service/undo.js';
import { SERVICE_STEP_HELPERS } from '../../electron/common/workloads/service/account-step.js';
import { checkScripts, scanCommands } from '../export/command-binding.js';
import { testSession, trusted } from '../helpers/pwsh.js';
import { hostileStrings } from '../powershell/hostile-corpus.js';
import { scanForPs7Syntax } from '../powershell/ps51-scan.js';

const session = testSession();
after(() => session.dispose());

const plan: Plan = parsePlan({
  accountType: 'gmsa',
  name: 'svc-app',
  description: 'App',
  gmsa: { group: { mode: 'new', name: 'gMSA-App-Hosts', scope: 'Global' }, computers: ['WEB01'] },
  targetComputer: 'WEB01',
});

const ctx = (input: ServiceSettingsInput): WorkloadContext<ServiceSettings> => ({
  plan,
  workload: { id: 'service', kind: 'service', host: 'WEB01', settings: serviceSettingsSchema.parse(input) },
});

const firstMessage = (input: unknown): string | undefined => {
  const r = serviceSettingsSchema.safeParse(input);
  return r.success ? undefined : r.error.issues[0]?.message;
};

describe('service settings', () => {
  it('defaults: Automatic, restart, not acknowledged', () => {
    const s = serviceSettingsSchema.parse({ mode: 'create', name: 'ReportSvc', binaryPath: 'C:\\Apps\\report.exe' });
    assert.deepEqual(s, {
      mode: 'create',
      name: 'ReportSvc',
      binaryPath: 'C:\\Apps\\report.exe',
      startType: 'Automatic',
      restart: true,
      acknowledgeNoRestore: false,
    });
  });

  it('refuses names with / or \\, empty or longer than 256 characters, and unknown fields', () => {
    assert.match(firstMessage({ mode: 'existing', name: 'a/b' }) ?? '', /cannot contain \/ or \\/);
    assert.match(firstMessage({ mode: 'existing', name: 'a\\b' }) ?? '', /cannot contain/);
    assert.match(firstMessage({ mode: 'existing', name: ' ' }) ?? '', /Enter the service name/);
    assert.match(firstMessage({ mode: 'existing', name: 'x'.repeat(257) }) ?? '', /at most 256/);
    assert.equal(firstMessage({ mode: 'existing', name: 'x'.repeat(256) }), undefined);
    assert.match(
      firstMessage({ mode: 'existing', name: 'a', binaryPath: 'C:\\a.exe' }) ?? '',
      /unknown field binaryPath/,
    );
  });

  it('binary paths: quoted with spaces, unquoted without; an unquoted path with spaces is refused', () => {
    assert.deepEqual(binaryExecutable('"C:\\Program Files\\App\\app.exe" --port 80'), {
      path: 'C:\\Program Files\\App\\app.exe',
    });
    assert.deepEqual(binaryExecutable('C:\\Apps\\app.exe --port 80'), { path: 'C:\\Apps\\app.exe' });
    const unquoted = binaryExecutable('C:\\Program Files\\App\\app.exe');
    assert.ok('error' in unquoted && /double quotes/.test(unquoted.error));
    for (const bad of [
      '"C:\\App\\app.exe',
      'app.exe',
      '"C:\\App\\app.exe"--x',
      'C:\\App\\run.bat',
      '"%ProgramFiles%\\a.exe"',
      '"C:\\a\\..\\b.exe"',
    ]) {
      assert.ok('error' in binaryExecutable(bad), bad);
    }
    assert.match(
      firstMessage({ mode: 'create', name: 'a', binaryPath: 'C:\\Program Files\\a.exe' }) ?? '',
      /double quotes/,
    );
    assert.match(
      firstMessage({ mode: 'create', name: 'a', binaryPath: 'C:\\a.exe', startType: 'Boot' }) ?? '',
      /Choose one of/,
    );
  });
});

describe('decoding', () => {
  it("Win32_Service.Change's documented return values", () => {
    assert.equal(decodeChangeReturn(0).name, 'Success');
    assert.equal(decodeChangeReturn(2).name, 'Access Denied');
    assert.match(decodeChangeReturn(2).fix, /administrator/);
    assert.equal(decodeChangeReturn(15).name, 'Service Logon Failed');
    assert.equal(decodeChangeReturn(21).name, 'Status Invalid Parameter');
    assert.equal(decodeChangeReturn(22).name, 'Status Invalid Service Account');
    assert.match(decodeChangeReturn(22).fix, /Test-ADServiceAccount/);
    assert.equal(decodeChangeReturn(24).name, 'Service Already Paused');
    assert.equal(decodeChangeReturn(99).name, 'Other');
  });

  it('service start errors, and what a 1069 means from the events and Test-ADServiceAccount', () => {
    assert.match(decodeStartError(START_ERROR.LOGON_FAILED).meaning, /logon failure/);
    assert.match(decodeStartError(1053).meaning, /did not respond/);
    assert.match(decodeStartError(1067).meaning, /ended unexpectedly/);
    assert.match(decodeStartError(1079).meaning, /shares its process/);
    assert.match(decodeStartError(1058).fix, /StartupType/);
    assert.match(decodeStartError(4242).fix, /net helpmsg 4242/);
    assert.equal(logonFailureCause([7000, 7041], true), 'right');
    assert.equal(logonFailureCause([7000, 7038], null), 'password');
    assert.equal(logonFailureCause([7000], false), 'password');
    assert.equal(logonFailureCause([], null), 'unknown');
  });

  it('which logon accounts need a password (a user) and which do not', () => {
    for (const a of [
      '',
      'LocalSystem',
      '.\\LocalSystem',
      'NT AUTHORITY\\LocalService',
      'NT AUTHORITY\\NetworkService',
      'NT SERVICE\\MSSQLSERVER',
      'CONTOSO\\svc-old$',
      'svc-old$@contoso.com',
    ]) {
      assert.equal(needsPassword(a), false, a);
    }
    for (const a of ['CONTOSO\\svc-report-user', '.\\localadmin', 'user@contoso.com'])
      assert.equal(needsPassword(a), true, a);
  });

  it('WQL: quotes and backslashes escaped', () => {
    assert.equal(wqlString("it's"), "'it\\'s'");
    assert.equal(wqlString('a\\b'), "'a\\\\b'");
    assert.equal(serviceFilter('Spooler'), "Name='Spooler'");
  });
});

/** Every script the kind builds for these settings (and these created objects). */
function scriptsOf(input: ServiceSettingsInput): { name: string; text: string }[] {
  const c = ctx(input);
  const out: { name: string; text: string }[] = [];
  for (const step of serviceWorkload.steps) {
    out.push({ name: `${step.id} script`, text: joinPrelude(step.script(c), step.title(c), step.needs).text });
    out.push({ name: `${step.id} judge`, text: `$r = $null\n${step.judge(c).text}` });
  }
  out.push({
    name: 'survey',
    text: `$found = New-Object System.Collections.ArrayList\n${serviceWorkload.survey(c).text}`,
  });
  const name = c.workload.settings.name;
  const created: CreatedObject[][] = [
    [{ kind: 'service', identity: name, parent: 'WEB01' }],
    [{ kind: 'service-logon', identity: name, parent: 'WEB01', previous: 'LocalSystem' }],
    [{ kind: 'service-logon', identity: name, parent: 'WEB01', previous: 'CONTOSO\\svc-report-user' }],
    [{ kind: 'service-logon', identity: name, parent: 'WEB01' }],
  ];
  created.forEach((list, i) =>
    out.push({
      name: `undo ${i}`,
      text: joinPrelude(undoServiceChanges(list, c), undefined, SERVICE_STEP_HELPERS).text,
    }),
  );
  return out;
}

describe('the scripts', () => {
  const variants: ServiceSettingsInput[] = [
    { mode: 'existing', name: 'ReportSvc' },
    { mode: 'existing', name: 'ReportSvc', restart: false, acknowledgeNoRestore: true },
    {
      mode: 'create',
      name: 'NewSvc',
      displayName: 'New Service',
      binaryPath: '"C:\\Program Files\\New\\new.exe" --service',
      startType: 'Disabled',
      description: "It's $(new)",
    },
    { mode: 'create', name: 'Plain', binaryPath: 'C:\\Apps\\plain.exe', startType: 'Manual' },
  ];

  it('parse, bind to documented parameter sets and use nothing PowerShell-7-only', async () => {
    const scripts = variants.flatMap(scriptsOf);
    const { problems, checked } = await checkScripts(session, scripts, { pipelineInput: 'refuse' });
    assert.deepEqual(problems, []);
    for (const name of [
      'Get-CimInstance',
      'Invoke-CimMethod',
      'New-Service',
      'Restart-Service',
      'Start-Service',
      'Stop-Service',
      'Get-Service',
    ]) {
      assert.ok(checked.has(name), `${name} was never checked`);
    }
    const sevenOnly = (await scanForPs7Syntax(session, scripts)).filter((f) => f.problems.length > 0);
    assert.deepEqual(sevenOnly, []);
    // eslint-disable-next-line no-control-regex -- tab and line ends are the only control characters allowed
    for (const s of scripts) assert.ok(/^[\x09\x0a\x0d\x20-\x7e]*$/.test(s.text), `${s.name} is not ASCII`);
  });

  it('a hostile service name reaches the WQL filter as the same text, escaped', async () => {
    const names = hostileStrings(60).filter(
      (n) => serviceSettingsSchema.safeParse({ mode: 'existing', name: n }).success,
    );
    assert.ok(names.length > 20, `${names.length} hostile names pass the schema`);
    // The filter each name makes, evaluated by PowerShell from the literal the script holds, and WQL-unescaped.
    const script = ps`@(${names.map((n) => serviceFilter(n.trim()))}) | ForEach-Object { $_ }`;
    const filters = (await session.run(script)) as string[];
    assert.equal(filters.length, names.length);
    filters.forEach((f, i) => {
      const m = /^Name='((?:\\.|[^'\\])*)'$/s.exec(f);
      assert.ok(m, `filter ${JSON.stringify(f)} is one WQL string`);
      assert.equal(m[1]?.replace(/\\(.)/gs, '$1'), names[i]?.trim());
    });
    // And the step scripts built for them parse.
    const texts = names.slice(0, 15).flatMap((n) => scriptsOf({ mode: 'existing', name: n }).map((s) => s.text));
    const parsed = await scanCommands(session, texts);
    assert.deepEqual(
      parsed.flatMap((p) => p.parseErrors),
      [],
    );
  });

  it('an undo that cannot restore a user account throws before it changes anything, while the service still runs as the gMSA', async () => {
    const text = undoServiceChanges(
      [
        { kind: 'service-logon', identity: 'A', parent: 'WEB01', previous: 'LocalSystem' },
        { kind: 'service-logon', identity: 'B', parent: 'WEB01', previous: 'CONTOSO\\svc-report-user' },
      ],
      ctx({ mode: 'existing', name: 'A' }),
    ).text;
    // Both run as the gMSA (its full name in another case): B blocks the whole undo before any change.
    const fakes = `function Get-MsaTaskAccount { param($Sam) 'CONTOSO\\' + $Sam }
function Get-CimInstance { param($ClassName, $Filter) [pscustomobject]@{ Name = 'x'; StartName = 'contoso\\SVC-APP$'; State = 'Running' } }
function Invoke-CimMethod { throw 'nothing may be changed' }`;
    const r = await session.invoke(trusted(`${READ_SERVICE.text}\n${fakes}\n${text}`));
    assert.equal(r.ok, false);
    assert.match(
      JSON.stringify(r.errors),
      /B still runs as the managed account, and undo cannot set it back to the user account CONTOSO\\\\svc-report-user/,
    );
    assert.match(
      JSON.stringify(r.errors),
      /Set its account back yourself in services\.msc .*then undo again\. Nothing was changed\./,
    );
    assert.doesNotMatch(JSON.stringify(r.errors), /nothing may be changed/);
  });

  it('undo of a created service deletes it and leaves its logon account alone', () => {
    const text = undoServiceChanges(
      [
        { kind: 'service', identity: 'NewSvc', parent: 'WEB01' },
        { kind: 'service-logon', identity: 'NewSvc', parent: 'WEB01' },
      ],
      ctx({ mode: 'existing', name: 'NewSvc' }),
    ).text;
    assert.match(text, /-MethodName Delete/);
    assert.doesNotMatch(text, /-MethodName Change/);
    assert.doesNotMatch(text, /throw '/);
  });
});
