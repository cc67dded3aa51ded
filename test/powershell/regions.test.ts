// The fold of `#region` blocks (electron/common/powershell/regions.ts): the panel shows a step's commands first and the
// helpers behind "Show helpers (N lines)", while Copy keeps the exact script, so the parts must join back to it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitRegions, visibleText } from '../../electron/common/powershell/regions.js';

const helpers = ['#region Helpers', 'function Get-MsaThing { 1 }', 'function Set-MsaThing { 2 }', '#endregion'];
const step = ["New-ADServiceAccount -Name 'svc-report' -DNSHostName 'svc-report.corp.example'", '$done = $true'];

describe('splitting a script into code and regions', () => {
  it('folds a Helpers region after the step, title and line count shown', () => {
    const script = [...step, ...helpers, 'Write-Output $done', ''].join('\n');
    const parts = splitRegions(script);
    assert.deepEqual(
      parts.map((p) => p.kind),
      ['code', 'region', 'code'],
    );
    const region = parts[1];
    assert.equal(region?.kind, 'region');
    if (region?.kind !== 'region') return;
    assert.equal(region.title, 'Helpers');
    assert.equal(region.lineCount, 2);
    assert.equal(region.text, helpers.join('\n') + '\n');
    assert.equal(parts.map((p) => p.text).join(''), script);
    assert.equal(visibleText(script), [...step, '#region Helpers', 'Write-Output $done', ''].join('\n'));
  });

  it('folds any region, first or last, with or without a final newline, CRLF too', () => {
    const atStart = [...helpers, ...step].join('\r\n');
    assert.equal(visibleText(atStart), ['#region Helpers', ...step].join('\r\n'));
    assert.equal(
      splitRegions(atStart)
        .map((p) => p.text)
        .join(''),
      atStart,
    );
    const atEnd = [...step, '  #REGION   Set up the group  ', 'x', '  #EndRegion Set up'].join('\n');
    const parts = splitRegions(atEnd);
    assert.equal(parts.length, 2);
    assert.equal(parts[1]?.kind === 'region' && parts[1].title, 'Set up the group');
    assert.equal(visibleText(atEnd), [...step, '  #REGION   Set up the group  '].join('\n'));
  });

  it('keeps nested regions inside the outer one and folds only the outer', () => {
    const script = ['#region Outer', 'a', '#region Inner', 'b', '#endregion', 'c', '#endregion', 'd'].join('\n');
    const parts = splitRegions(script);
    assert.deepEqual(
      parts.map((p) => (p.kind === 'region' ? `region:${p.title}:${p.lineCount}` : 'code')),
      ['region:Outer:5', 'code'],
    );
    assert.equal(visibleText(script), '#region Outer\nd');
  });

  it('leaves an unclosed #region, a stray #endregion and look-alikes as code', () => {
    for (const script of [
      ['#region Helpers', 'a', 'b'].join('\n'),
      ['a', '#endregion', 'b'].join('\n'),
      ["'#region not a marker'", '# region spaced', '#regional', 'x #region'].join('\n'),
      '',
    ]) {
      assert.equal(visibleText(script), script);
      assert.ok(splitRegions(script).every((p) => p.kind === 'code'));
    }
  });

  it('gives an empty title to a bare #region and counts an empty body as 0 lines', () => {
    const [region] = splitRegions('#region\n#endregion\n');
    assert.deepEqual(region, { kind: 'region', title: '', text: '#region\n#endregion\n', lineCount: 0 });
  });
});
