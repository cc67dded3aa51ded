// psParams: named parameters on one line, as an admin types them, every value still data. Checked as text, and in
// real pwsh: each value (the hostile corpus included) binds to its parameter exactly, and nothing in it runs.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ps, psParams, PsScript, UnsafeValueError } from '../../electron/common/powershell/script.js';
import { testSession } from '../helpers/pwsh.js';
import { hostileStrings } from './hostile-corpus.js';

describe('psParams as text', () => {
  it('writes each parameter by name, quoted, in the order given, skipping undefined', () => {
    assert.equal(
      psParams({ Name: 'svc-report', Path: 'OU=Service Accounts,DC=contoso,DC=com', Description: undefined }).text,
      "-Name 'svc-report' -Path 'OU=Service Accounts,DC=contoso,DC=com'",
    );
    assert.equal(psParams({}).text, '');
    assert.equal(psParams({ A: undefined }).text, '');
  });

  it('writes switches with their value, arrays as a comma list, numbers, $null and code', () => {
    assert.equal(psParams({ Enabled: true, PassThru: false }).text, '-Enabled:$true -PassThru:$false');
    assert.equal(psParams({ Members: ['a', "b'c"] }).text, "-Members 'a','b''c'");
    assert.equal(psParams({ Members: ['only'] }).text, "-Members 'only'");
    assert.equal(psParams({ Members: [] }).text, '-Members @()');
    assert.equal(psParams({ Days: 7, Offset: -1, Nothing: null }).text, '-Days 7 -Offset (-1) -Nothing $null');
    assert.equal(psParams({ Identity: PsScript.fromTrustedSource('$account') }).text, '-Identity $account');
  });

  it('keeps hostile text a literal: quotes doubled, everything else ASCII or a [char] code, on one line', () => {
    const text = psParams({ Name: "x'; Remove-Item C:\\ -Recurse; '", Description: 'a\nb`$(Stop-Computer)' }).text;
    assert.equal(
      text,
      "-Name 'x''; Remove-Item C:\\ -Recurse; ''' -Description ('a' + [char]0x000A + 'b`$(Stop-Computer)')",
    );
    assert.doesNotMatch(text, /[\r\n]/);
  });

  it('refuses a name that is not a parameter name, and values it cannot represent', () => {
    assert.throws(() => psParams({ 'Name; Stop-Computer': 'x' }), UnsafeValueError);
    assert.throws(() => psParams({ '-Name': 'x' }), UnsafeValueError);
    assert.throws(() => psParams({ Name: 'bad \uD800' }), UnsafeValueError);
    assert.throws(() => psParams({ Days: Number.NaN }), UnsafeValueError);
  });
});

describe('psParams in real pwsh', () => {
  const session = testSession();
  after(() => session.dispose());
  // A function with the parameter types the steps bind: strings, a string array, a switch, a bool, an int.
  const probe = ps`function Test-MsaParams {
    param([string]$Name, [string[]]$Members, [switch]$PassThru, [bool]$Enabled, [int]$Days, [string]$Path)
    [ordered]@{ name = $Name; members = @($Members); passThru = [bool]$PassThru; enabled = $Enabled; days = $Days; path = $Path }
}`;

  it('binds every kind of value to its parameter', async () => {
    const [out] = await session.run(
      ps`${probe}
Test-MsaParams ${psParams({ Name: 'n', Members: ['a', 'b'], PassThru: true, Enabled: false, Days: 3, Path: undefined })}`,
    );
    assert.deepEqual(out, { name: 'n', members: ['a', 'b'], passThru: true, enabled: false, days: 3, path: '' });
  });

  it('binds hostile strings exactly and runs nothing in them (the corpus, as a value and in an array)', async () => {
    // The corpus holds lone surrogates on purpose: psParams refuses those (as ps does); every other string must bind.
    const safe = hostileStrings(200).filter((s) => {
      try {
        psParams({ Name: s });
        return true;
      } catch {
        return false;
      }
    });
    const script = ps`${probe}
$global:msaRan = $false
function Stop-Computer { $global:msaRan = $true }
${PsScript.fromTrustedSource(
  safe.map((s) => ps`Test-MsaParams ${psParams({ Name: s, Members: [s, 'x'], Path: s })}`.text).join('\n'),
)}
[ordered]@{ ran = $global:msaRan }`;
    const out = await session.run(script);
    const ran = out.pop() as { ran: boolean };
    assert.equal(ran.ran, false);
    assert.equal(out.length, safe.length);
    out.forEach((o, i) => {
      const got = o as { name: string; members: string[]; path: string };
      assert.equal(got.name, safe[i]);
      assert.deepEqual(got.members, [safe[i], 'x']);
      assert.equal(got.path, safe[i]);
    });
  });
});
