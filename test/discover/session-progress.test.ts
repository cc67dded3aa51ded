// The session's progress channel (bootstrap.ps1 Write-MsaProgress -> run(script, { onProgress })), in real pwsh: each
// record reaches the listener, in order, before the request answers (discovery shows each host as it answers); the
// records are not the script's output; a request without a listener, or with one that throws, is unaffected; a large
// record (more than one stdout chunk) arrives whole.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { testSession, trusted } from '../helpers/pwsh.js';

const session = testSession();
after(() => session.dispose());

const THREE = trusted(`foreach ($i in 1..3) { Write-MsaProgress ([ordered]@{ step = $i; host = ('WEB0' + $i) }) }
'done'`);

describe('Write-MsaProgress', () => {
  it('delivers each record, in order, before the request answers, and keeps them out of the output', async () => {
    const seen: unknown[] = [];
    let answered = false;
    const data = await session.run(THREE, {
      onProgress: (p) => {
        assert.equal(answered, false, 'a record arrived after the answer');
        seen.push(p);
      },
    });
    answered = true;
    assert.deepEqual(seen, [
      { step: 1, host: 'WEB01' },
      { step: 2, host: 'WEB02' },
      { step: 3, host: 'WEB03' },
    ]);
    assert.deepEqual(data, ['done']);
  });

  it('is harmless without a listener, and a listener that throws does not fail the request', async () => {
    assert.deepEqual(await session.run(THREE), ['done']);
    assert.deepEqual(
      await session.run(THREE, {
        onProgress: () => {
          throw new Error('listener bug');
        },
      }),
      ['done'],
    );
  });

  it('carries a large record whole, and non-ASCII text as it was', async () => {
    const seen: unknown[] = [];
    await session.run(
      trusted(`Write-MsaProgress ([ordered]@{ text = ('x' * 200000); name = ('Pe' + [char]0x00F1 + 'a') })`),
      { onProgress: (p) => seen.push(p) },
    );
    assert.equal(seen.length, 1);
    const record = seen[0] as { text: string; name: string };
    assert.equal(record.text.length, 200000);
    assert.equal(record.name, 'Pe\u00f1a');
  });
});
