// Names from the answers (a service's, an app pool's) reach the exported script in step titles, comments and
// messages too, not only in the steps' literals: for hostile names each kind's schema accepts, the exported file's
// body stays printable ASCII plus line breaks (no U+2028 or lookalike can end a comment or turn into a quote in
// another code page) and parses without errors in pwsh.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { planScriptFile } from '../../electron/common/export/plan-script.js';
import { parsePlan } from '../../electron/common/plan/plan-schema.js';
import { poolNameSchema } from '../../electron/common/workloads/app-pool/settings.js';
import { serviceNameSchema } from '../../electron/common/workloads/service/settings.js';
import { b64, testSession, trusted } from '../helpers/pwsh.js';
import { encodingAttacks, hostileStrings } from '../powershell/hostile-corpus.js';

const ATTACKS = [...encodingAttacks(), ...hostileStrings(60), 'Caf\u00e9Svc\u2028x', 'R\u2019port'];
const SERVICES = ATTACKS.filter((s) => serviceNameSchema.safeParse(s).success).slice(0, 40);
const POOLS = ATTACKS.filter((s) => poolNameSchema.safeParse(s).success).slice(0, 40);

function exported(service: string, pool: string): string {
  const plan = parsePlan({
    accountType: 'gmsa',
    name: 'svc-app',
    gmsa: { group: { mode: 'new', name: 'gMSA-App-Hosts' }, computers: ['WEB01'] },
    targetComputer: 'WEB01',
    workloads: [
      { kind: 'service', settings: { mode: 'existing', name: service, acknowledgeNoRestore: true } },
      { kind: 'app-pool', settings: { mode: 'existing', name: pool } },
    ],
  });
  return planScriptFile(plan);
}

const session = testSession();
after(() => session.dispose());

describe('exported script: workload names', () => {
  it('hostile service and pool names keep the body printable ASCII, and it parses', async () => {
    assert.ok(SERVICES.length >= 20 && POOLS.length >= 20, `${SERVICES.length} services, ${POOLS.length} pools`);
    const bodies = SERVICES.map((s, i) => {
      const file = exported(s, POOLS[i % POOLS.length] ?? 'Reports');
      assert.equal(file.charCodeAt(0), 0xfeff, 'a BOM first');
      const body = file.slice(1);
      const foreign = /[^\x20-\x7e\r\n]/.exec(body);
      assert.equal(foreign, null, `${JSON.stringify(s)}: ${JSON.stringify(foreign?.[0])} at ${foreign?.index}`);
      return body;
    });
    const errors = await session.run(
      trusted(`@(foreach ($b in @(${bodies.map((b) => `'${b64(b)}'`).join(', ')})) {
    $text = [System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String($b))
    $tokens = $null; $parseErrors = $null
    [void][System.Management.Automation.Language.Parser]::ParseInput($text, [ref]$tokens, [ref]$parseErrors)
    @($parseErrors).Count
})`),
    );
    assert.deepEqual(
      errors,
      bodies.map(() => 0),
    );
  });
});
