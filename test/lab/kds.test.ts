// The lab Kds module: the three Add-KdsRootKey modes and when gMSA password derivation can use the key on which DC,
// Test-KdsRootKey, the shape of Get-KdsRootKey (one List<KdsRootKey> object, as documented) / Get-KdsConfiguration,
// and the refusals (not an admin, no Windows Server 2012 DC).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { classifyError, PsErrorKind } from '../../electron/common/powershell/errors.js';
import { PsCommandError } from '../../electron/common/powershell/session.js';
import { readLab } from '../../electron/lab/lab.js';
import { labSession, newLab } from '../helpers/lab.js';
import { trusted } from '../helpers/pwsh.js';

/** Re-binds the session to another DC of the lab (what -Server would pick; the Kds cmdlets have no -Server). */
const useDc = (dc: string): string =>
  `$c = Get-LabContext; Initialize-LabSession -LabDir $c.LabDir -ModuleRoot $c.ModuleRoot -RsatModuleRoot $c.RsatModuleRoot -DomainController ${dc}`;

function expectError(fqid: string, type: string): (err: unknown) => boolean {
  return (err: unknown) => {
    assert.ok(err instanceof PsCommandError, String(err));
    assert.equal(err.errors[0]?.fqid, fqid);
    assert.equal(err.errors[0]?.type, type);
    return true;
  };
}

describe('Add-KdsRootKey without a time (fresh-domain)', () => {
  const dir = newLab('fresh-domain');
  const session = labSession(dir);
  after(() => session.dispose());

  it('-WhatIf and -LocalTestOnly create nothing; -LocalTestOnly answers $true', async () => {
    const data = await session.run(
      trusted(`
Add-KdsRootKey -WhatIf
Add-KdsRootKey -EffectiveImmediately -WhatIf
$test = Add-KdsRootKey -LocalTestOnly
$test -is [bool]; $test
@((Get-LabState).kdsRootKeys).Count
(Get-KdsRootKey).Count`),
    );
    assert.deepEqual(data, [true, true, 0, 0]);
    assert.equal(readLab(dir).kdsRootKeys.length, 0);
  });

  it('takes effect 10 hours after creation: valid at once, usable for gMSAs only then', async () => {
    const data = await session.run(
      trusted(`
$id = Add-KdsRootKey
$now = Get-LabNow -Utc
$id -is [guid]
$key = (Get-KdsRootKey) | Where-Object { $_.KeyId -eq $id }
[math]::Round(($key.EffectiveTime.ToUniversalTime() - $now).TotalMinutes)
Test-KdsRootKey -KeyId $id
$null -eq (Get-LabUsableKdsRootKey -State (Get-LabState) -Dc DC01)
Set-LabClock -Advance '09:58:00' | Out-Null
$null -eq (Get-LabUsableKdsRootKey -State (Get-LabState) -Dc DC01)
Set-LabClock -Advance '00:03:00' | Out-Null
(Get-LabUsableKdsRootKey -State (Get-LabState) -Dc DC01).keyId -eq $id.ToString()`),
    );
    assert.deepEqual(data, [true, 600, true, true, true, true]);
    const stored = readLab(dir).kdsRootKeys;
    assert.equal(stored.length, 1);
    assert.equal(stored[0]?.createdOn, 'DC01');
    assert.deepEqual(stored[0]?.replicatedTo, ['DC01']);
    const created = Date.parse(stored[0]?.createdTime ?? '');
    assert.equal(Date.parse(stored[0]?.effectiveTime ?? '') - created, 10 * 3_600_000);
  });
});

describe('Add-KdsRootKey -EffectiveTime back-dated (fresh-domain)', () => {
  const dir = newLab('fresh-domain');
  const session = labSession(dir);
  after(() => session.dispose());

  it('is usable at once, with the EffectiveTime given (the isolated-test-lab recipe)', async () => {
    const data = await session.run(
      trusted(`
$when = (Get-Date).AddHours(-10)
$id = Add-KdsRootKey -EffectiveTime $when
(Get-LabUsableKdsRootKey -State (Get-LabState) -Dc DC01).keyId -eq $id.ToString()
$key = (Get-KdsRootKey) | Where-Object { $_.KeyId -eq $id }
[math]::Abs(($key.EffectiveTime - $when).TotalSeconds) -lt 1`),
    );
    assert.deepEqual(data, [true, true]);
  });
});

describe('Add-KdsRootKey -EffectiveImmediately with two DCs (multi-dc-replication, session on DC02)', () => {
  const dir = newLab('multi-dc-replication');
  const session = labSession(dir);
  after(() => session.dispose());

  it('Test-KdsRootKey is $false for a key not yet replicated to the DC in use, and for an unknown id', async () => {
    const data = await session.run(
      trusted(`
$scenarioKey = @((Get-LabState).kdsRootKeys)[0].keyId
Test-KdsRootKey -KeyId $scenarioKey
Test-KdsRootKey -KeyId ([guid]::NewGuid())
(Get-KdsRootKey).Count`),
    );
    assert.deepEqual(data, [false, false, 0]);
  });

  it('is effective at once on the session DC, and seen on DC01 only after replication', async () => {
    const data = await session.run(
      trusted(`
$id = Add-KdsRootKey -EffectiveImmediately
$key = (Get-KdsRootKey) | Where-Object { $_.KeyId -eq $id }
$key.EffectiveTime -le (Get-LabNow)
$key.DomainController
Test-KdsRootKey -KeyId $id
${useDc('DC01')}
Test-KdsRootKey -KeyId $id
@((Get-KdsRootKey) | Where-Object { $_.KeyId -eq $id }).Count
Set-LabClock -Advance '03:01:00' | Out-Null
Test-KdsRootKey -KeyId $id
((Get-KdsRootKey) | Where-Object { $_.KeyId -eq $id }).DomainController`),
    );
    assert.deepEqual(data, [
      true,
      'CN=DC02,OU=Domain Controllers,DC=contoso,DC=com',
      true,
      false,
      0,
      true,
      'CN=DC01,OU=Domain Controllers,DC=contoso,DC=com',
    ]);
    const stored = readLab(dir).kdsRootKeys.at(-1);
    assert.equal(stored?.createdOn, 'DC02');
    assert.deepEqual(stored?.replicatedTo, ['DC02']);
    assert.equal(stored?.effectiveTime, stored?.createdTime);
  });
});

describe('Get-KdsRootKey, Test-KdsRootKey, Get-KdsConfiguration (healthy)', () => {
  const dir = newLab('healthy');
  const session = labSession(dir);
  after(() => session.dispose());

  it('Get-KdsRootKey returns the real properties with the real types', async () => {
    const [key, types] = await session.run(
      trusted(`
$k = (Get-KdsRootKey)[0]
$k
Write-Output -NoEnumerate @(($k.KeyValue -is [byte[]]), ($k.EffectiveTime -is [datetime]), ($k.CreationTime -is [datetime]),
  ($k.KeyId -is [guid]), $k.IsFormatValid, $k.VersionNumber, $k.KeyValue.Length)`),
    );
    assert.deepEqual(Object.keys(key as object), [
      'AttributeOfWrongFormat',
      'KeyValue',
      'EffectiveTime',
      'CreationTime',
      'IsFormatValid',
      'DomainController',
      'ServerConfiguration',
      'KeyId',
      'VersionNumber',
    ]);
    const k = key as Record<string, unknown>;
    assert.equal(k.DomainController, 'CN=DC01,OU=Domain Controllers,DC=contoso,DC=com');
    assert.equal(k.KeyId, readLab(dir).kdsRootKeys[0]?.keyId);
    assert.equal((k.ServerConfiguration as Record<string, unknown>).KdfAlgorithm, 'SP800_108_CTR_HMAC');
    // The healthy key was created 48 h ago, effective 38 h ago.
    const ageHours = (Date.now() - Date.parse(String(k.CreationTime))) / 3_600_000;
    assert.ok(ageHours > 47.9 && ageHours < 48.1, String(ageHours));
    assert.deepEqual(types, [true, true, true, true, true, 1, 64]);
  });

  it('Test-KdsRootKey: $true for the existing key, $false for a random id', async () => {
    const data = await session.run(
      trusted('Test-KdsRootKey -KeyId (Get-KdsRootKey)[0].KeyId; Test-KdsRootKey -KeyId ([guid]::NewGuid())'),
    );
    assert.deepEqual(data, [true, false]);
  });

  it('Get-KdsConfiguration returns the default configuration', async () => {
    const [config] = await session.run(trusted('Get-KdsConfiguration'));
    const c = config as Record<string, unknown>;
    assert.equal(c.SecretAgreementAlgorithm, 'DH');
    assert.equal(c.KdfAlgorithm, 'SP800_108_CTR_HMAC');
    assert.equal(c.SecretAgreementPublicKeyLength, 2048);
    assert.equal(c.SecretAgreementPrivateKeyLength, 512);
    assert.equal(c.IsValidFormat, true);
    assert.equal(c.VersionNumber, 1);
    assert.equal(typeof c.KdfParameters, 'string', 'byte[] travels as base64');
  });
});

describe('Get-KdsRootKey writes its documented output: one System.Collections.Generic.List<KdsRootKey>', () => {
  const LIST = 'System.Collections.Generic.List`1[[Microsoft.KeyDistributionService.Cmdlets.KdsRootKey';

  it('two keys (healthy + one added): one list object on the pipeline, holding both keys', async () => {
    const dir = newLab('healthy');
    const session = labSession(dir);
    try {
      const data = await session.run(
        trusted(`
Add-KdsRootKey -EffectiveImmediately | Out-Null
@(Get-KdsRootKey).Count
(Get-KdsRootKey).GetType().FullName
(Get-KdsRootKey).Count
$each = @(Get-KdsRootKey | ForEach-Object { $_ })
$each.Count
@($each | Where-Object { $_ -is [Microsoft.KeyDistributionService.Cmdlets.KdsRootKey] }).Count
@($each | ForEach-Object { Test-KdsRootKey -KeyId $_.KeyId } | Where-Object { $_ }).Count
(Get-KdsRootKey)[0].ServerConfiguration -is [Microsoft.KeyDistributionService.Cmdlets.KdsServerConfiguration]`),
      );
      assert.equal(data[0], 1, '@(Get-KdsRootKey).Count');
      assert.ok(String(data[1]).startsWith(LIST), String(data[1]));
      assert.deepEqual(data.slice(2), [2, 2, 2, 2, true]);
    } finally {
      await session.dispose();
    }
  });

  it('no key (fresh-domain): still one (empty) list, so @(Get-KdsRootKey).Count is 1', async () => {
    const session = labSession(newLab('fresh-domain'));
    try {
      const data = await session.run(
        trusted(`@(Get-KdsRootKey).Count
(Get-KdsRootKey).Count
@(Get-KdsRootKey | ForEach-Object { $_ }).Count`),
      );
      assert.deepEqual(data, [1, 0, 0]);
    } finally {
      await session.dispose();
    }
  });

  it("the lab's switch ($env:MSA_LAB_LIST_OUTPUT = 'Items') writes the keys one by one instead", async () => {
    const session = labSession(newLab('healthy'));
    try {
      const data = await session.run(
        trusted(`$env:MSA_LAB_LIST_OUTPUT = 'Items'
Add-KdsRootKey -EffectiveImmediately | Out-Null
@(Get-KdsRootKey).Count
@(Get-KdsRootKey | Where-Object { $_ -is [Microsoft.KeyDistributionService.Cmdlets.KdsRootKey] }).Count
$env:MSA_LAB_LIST_OUTPUT = $null
@(Get-KdsRootKey).Count`),
      );
      assert.deepEqual(data, [2, 2, 1]);
    } finally {
      await session.dispose();
    }
  });
});

describe('Add-KdsRootKey refusals', () => {
  it('not a Domain Admin (not-admin): access denied, nothing created', async () => {
    const dir = newLab('not-admin');
    const session = labSession(dir);
    try {
      let caught: unknown;
      await assert.rejects(
        session.run(trusted('Add-KdsRootKey -EffectiveImmediately')).catch((err: unknown) => {
          caught = err;
          throw err;
        }),
        expectError(
          'System.UnauthorizedAccessException,Microsoft.KeyDistributionService.Cmdlets.AddKdsRootKey',
          'System.UnauthorizedAccessException',
        ),
      );
      assert.equal(classifyError(caught), PsErrorKind.AccessDenied);
      assert.equal(readLab(dir).kdsRootKeys.length, 1);
    } finally {
      await session.dispose();
    }
  });

  it('no Windows Server 2012 DC (legacy-levels): the KDS is unreachable, nothing created', async () => {
    const dir = newLab('legacy-levels');
    const session = labSession(dir);
    try {
      await assert.rejects(
        session.run(trusted('Add-KdsRootKey -EffectiveImmediately')),
        expectError(
          'System.ComponentModel.Win32Exception,Microsoft.KeyDistributionService.Cmdlets.AddKdsRootKey',
          'System.ComponentModel.Win32Exception',
        ),
      );
      assert.equal(readLab(dir).kdsRootKeys.length, 0);
    } finally {
      await session.dispose();
    }
  });
});
