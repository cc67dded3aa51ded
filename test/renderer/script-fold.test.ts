// The PowerShell panel's fold of a script's regions (ScriptView's button words over electron/common/powershell/
// regions.ts): the helpers behind "Show helpers (N lines)", the step's own commands first, nothing lost for Copy.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitRegions, visibleText } from '../../renderer/src/api/contract';
import { foldLabel } from '../../renderer/src/components/ScriptView';

const script = [
  "New-ADGroup -Name 'gmsa-report-hosts' -GroupScope Global -Path 'OU=Groups,DC=corp,DC=example'",
  '#region Helpers',
  'function Get-MsaState { }',
  'function Set-MsaState { }',
  'function Test-MsaState { }',
  '#endregion',
  '',
].join('\n');

describe('the fold of a script in the PowerShell panel', () => {
  it('names the region and counts its hidden lines', () => {
    const regions = splitRegions(script).filter((p) => p.kind === 'region');
    assert.equal(regions.length, 1);
    const [helpers] = regions;
    assert.ok(helpers !== undefined && helpers.kind === 'region');
    assert.equal(foldLabel(helpers), 'Show helpers (3 lines)');
    assert.equal(foldLabel({ ...helpers, title: '', lineCount: 1 }), 'Show region (1 line)');
    // The words in brackets on the #region line are for the script's reader.
    assert.equal(
      foldLabel({ ...helpers, title: 'Helpers (defined once; the step follows)' }),
      'Show helpers (3 lines)',
    );
  });

  it('shows the step first, the helpers as one line, and keeps every character for Copy', () => {
    assert.equal(visibleText(script).split('\n')[0]?.startsWith('New-ADGroup -Name'), true);
    assert.equal(visibleText(script).split('\n').length, 3);
    assert.equal(
      splitRegions(script)
        .map((p) => p.text)
        .join(''),
      script,
    );
  });
});
