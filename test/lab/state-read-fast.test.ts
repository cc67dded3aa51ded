// LabCore reads a lab's state file with ConvertFrom-Json -AsHashtable and one C# pass (LabCore.StateTree) on
// PowerShell 7.5+, and with ConvertTo-LabHashtable (PowerShell recursion) on Windows PowerShell 5.1. Both must give
// the modules the same tree: the same node types (Hashtable with @{}'s key comparer, ArrayList), the same keys, and
// leaves of the same type and value. Compared here node by node on every scenario's state file (large-domain
// included) and on a file with the JSON shapes that differ between the two ConvertFrom-Json modes.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ps } from '../../electron/common/powershell/script.js';
import { SCENARIOS } from '../../electron/lab/scenarios.js';
import { STATE_FILE } from '../../electron/lab/state.js';
import { labSession, newLab } from '../helpers/lab.js';

/** In LabCore's scope: the differences (at most 5) between Read-LabStateFile's result read both ways. */
const COMPARE = String.raw`
function Compare-LabTree($Old, $New, [string]$At) {
    if ($null -eq $Old -or $null -eq $New) {
        if (-not ($null -eq $Old -and $null -eq $New)) { "$At null on one side only" }
        return
    }
    $type = $Old.GetType().FullName
    if ($type -ne $New.GetType().FullName) { "$At $type became $($New.GetType().FullName)"; return }
    if ($Old -is [hashtable]) {
        $field = [hashtable].GetField('_keycomparer', [System.Reflection.BindingFlags]'NonPublic,Instance')
        if (-not [object]::Equals($field.GetValue($Old), $field.GetValue($New))) { "$At key comparer differs" }
        $oldKeys = [string[]]@($Old.Keys); [System.Array]::Sort($oldKeys, [System.StringComparer]::Ordinal)
        $newKeys = [string[]]@($New.Keys); [System.Array]::Sort($newKeys, [System.StringComparer]::Ordinal)
        if (($oldKeys -join '|') -cne ($newKeys -join '|')) { "$At keys differ"; return }
        foreach ($k in $oldKeys) { Compare-LabTree $Old[$k] $New[$k] "$At.$k" }
        return
    }
    # (object[]: the ticket groups Read-LabStateFile merges in with @(), on both paths.)
    if ($Old -is [System.Collections.ArrayList] -or $Old -is [object[]]) {
        if ($Old.Count -ne $New.Count) { "$At count $($Old.Count) became $($New.Count)"; return }
        for ($i = 0; $i -lt $Old.Count; $i++) { Compare-LabTree $Old[$i] $New[$i] "$At[$i]" }
        return
    }
    if ($Old -isnot [string] -and $Old -isnot [System.ValueType]) { "$At unexpected node type $type"; return }
    if (-not [object]::Equals($Old, $New)) { "$At value '$Old' became '$New'" }
}
`;

const readBothWays = (statePath: string) => ps`
& (Get-Module LabCore) {
    param($Path, $Compare)
    . ([scriptblock]::Create($Compare))
    if (-not $script:LabFastStateRead) { throw 'the fast state reader is not in use' }
    try {
        $script:LabFastStateRead = $false
        $old = Read-LabStateFile -Path $Path
    } finally { $script:LabFastStateRead = $true }
    $new = Read-LabStateFile -Path $Path
    $diffs = @(Compare-LabTree $old $new '$state' | Select-Object -First 5)
    [pscustomobject]@{ objects = @($new.objects).Count; diffs = $diffs }
} ${statePath} ${COMPARE}`;

interface Result {
  objects: number;
  diffs: string[];
}

describe('the state file read fast (PowerShell 7) and in PowerShell (5.1) gives the same tree', () => {
  const session = labSession(newLab('healthy'));
  after(() => session.dispose());

  for (const scenario of SCENARIOS) {
    it(`${scenario.name}: every node and leaf of the same type and value`, async () => {
      const dir = newLab(scenario.name);
      const [result] = (await session.run(readBothWays(path.join(dir, STATE_FILE)))) as Result[];
      assert.ok(result && result.objects > 0);
      assert.deepEqual(result.diffs, []);
    });
  }

  it('the JSON shapes the two ConvertFrom-Json modes could differ on: arrays empty, of one, nested; nulls, numbers, dates', async () => {
    const dir = newLab('healthy');
    const file = path.join(dir, 'shapes.json');
    // Not JSON.stringify: the integer too large for Int64 and the float must be written as they are here.
    writeFileSync(
      file,
      String.raw`{"version": 1, "objects": [{"a": 1}], "hosts": {}, "empty": [], "one": ["x"], "oneObject": [{}],
        "nested": [[], [1], [[2, 3]], [{"k": [null]}]], "nulls": [null, null], "nothing": null, "table": {},
        "int": 42, "negative": -7, "long": 9007199254740993, "huge": 123456789012345678901234567890,
        "float": 1.5, "exp": 1e3, "true": true, "false": false, "text": "caf\u00e9 \"q\"",
        "date": "2026-12-05T05:37:05.123Z", "dateLocal": "2026-12-05T05:37:05+02:00", "dateOnly": "2026-12-05",
        "Case": {"Name": "kept", "name2": "x"}}`,
    );
    const [result] = (await session.run(readBothWays(file))) as Result[];
    assert.equal(result?.objects, 1);
    assert.deepEqual(result.diffs, []);
  });
});
