// The lookups' scripts themselves: LDAP escaping, Windows PowerShell 5.1 syntax, and user text that stays data
// (pwsh's own parser finds no command in a script that the wizard did not write).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ldapEscape } from '../../electron/common/directory/ldap.js';
import { accountNameScript } from '../../electron/common/directory/name.js';
import { searchFilter, searchScript } from '../../electron/common/directory/search.js';
import { spnHoldersScript } from '../../electron/common/directory/spns.js';
import { ps } from '../../electron/common/powershell/script.js';
import { testSession } from '../helpers/pwsh.js';
import { hostileStrings } from '../powershell/hostile-corpus.js';
import { scanForPs7Syntax } from '../powershell/ps51-scan.js';

const session = testSession();
after(() => session.dispose());

describe('directory lookup scripts', () => {
  it('escapes the LDAP filter specials and control characters, nothing else', () => {
    assert.equal(ldapEscape('*)(objectClass=*'), '\\2a\\29\\28objectClass=\\2a');
    assert.equal(ldapEscape('a\\b\u0000c\nd'), 'a\\5cb\\00c\\0ad');
    assert.equal(ldapEscape('\\2a'), '\\5c2a');
    assert.equal(
      searchFilter('computer', 'WEB*)(', true),
      '(|(name=WEB\\2a\\29\\28)(sAMAccountName=WEB\\2a\\29\\28$))',
    );
    assert.equal(searchFilter('ou', 'a\\b', true), '(name=a\\5cb)');
    assert.equal(searchFilter('group', '(x)'), '(name=*\\28x\\29*)');
    assert.equal(ldapEscape("it’s 'x' $y `z` é 漢 😀 =<>~"), "it’s 'x' $y `z` é 漢 😀 =<>~");
  });

  it('use only Windows PowerShell 5.1 syntax', async () => {
    const samples = [
      { name: 'directory.checkName', text: accountNameScript('svc-web').text },
      { name: 'directory.checkSpns', text: spnHoldersScript(['HTTP/web01.contoso.com', 'HTTP/web01']).text },
      ...(['computer', 'group', 'ou'] as const).map((k) => ({
        name: `directory.search ${k}`,
        text: searchScript(k, 'x').text,
      })),
      ...(['computer', 'group', 'ou'] as const).map((k) => ({
        name: `directory.search ${k} exact`,
        text: searchScript(k, 'x', true).text,
      })),
    ];
    const findings = await scanForPs7Syntax(session, samples);
    assert.deepEqual(
      findings.filter((f) => f.problems.length > 0),
      [],
    );
  });

  it('hostile search text is a literal: the parsed script calls only the commands the wizard wrote', async () => {
    const texts = hostileStrings(100).filter((t) => t.length <= 64 && !/[\uD800-\uDFFF]/.test(t));
    const scripts = texts.map((t) => searchScript('group', t).text);
    const [commands] = await session.run(ps`$names = @{}
foreach ($text in ${scripts}) {
    $tokens = $null; $errs = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($text, [ref]$tokens, [ref]$errs)
    if ($errs.Count -gt 0) { $names['parse error: ' + $errs[0].Message] = $true }
    foreach ($c in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true)) { $names[$c.GetCommandName()] = $true }
    foreach ($s in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.SubExpressionAst] }, $true)) { $names['subexpression'] = $true }
}
,@($names.Keys | Sort-Object)`);
    assert.ok(texts.length > 50);
    assert.deepEqual(commands, ['ForEach-Object', 'Get-ADGroup']);
  });
});
