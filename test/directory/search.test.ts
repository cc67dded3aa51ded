// directory.search against the lab: computers, groups and OUs whose name contains the text (case-insensitive), at
// most 50, sorted by name; hostile text is matched literally (a typed * is a star) and changes nothing. The exact
// lookup (the check on Add) finds the one object so named even when a search for the text would not list it.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { searchDirectory, SEARCH_LIMIT } from '../../electron/common/directory/search.js';
import { ps } from '../../electron/common/powershell/script.js';
import { sharedLab } from '../checks/lab-session.js';
import { hostileStrings } from '../powershell/hostile-corpus.js';
import { noPowerShell, rejectsWith, stateText } from './lookup-helpers.js';

const lab = sharedLab();
after(() => lab.session.dispose());

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const names = (entries: { name: string }[]) => entries.map((e) => e.name);
const GROUPS = 'OU=Service Groups,DC=contoso,DC=com';

/** Text that breaks LDAP filters or PowerShell quoting if either ever treated it as code. */
const HOSTILE = [
  '*',
  '*)(objectClass=*',
  ')(|(name=*',
  '\\2a',
  '\\',
  "'; Remove-ADGroup x #",
  "it's",
  'it\u2019s \u2018curly\u2019 \u201Alow\u201B',
  '"double"',
  '`backtick`',
  '$(Remove-ADGroup -Identity x)',
  '${env:PATH}',
  'a\u0000b',
  '[ab]?',
];

describe('directory.search', () => {
  it('finds computers, groups and OUs by any part of the name, in any case, sorted by name; nothing changes', async () => {
    const dir = await lab.use('healthy');
    const before = stateText(dir);
    assert.deepEqual(await searchDirectory(lab.exec, 'computer', 'web'), [
      { name: 'WEB01', dn: 'CN=WEB01,OU=Servers,DC=contoso,DC=com' },
    ]);
    assert.deepEqual(names(await searchDirectory(lab.exec, 'computer', '01')), ['APP01', 'DC01', 'WEB01', 'WS01']);
    assert.deepEqual(names(await searchDirectory(lab.exec, 'group', 'DOMAIN')), [
      'Domain Admins',
      'Domain Computers',
      'Domain Controllers',
      'Domain Guests',
      'Domain Users',
    ]);
    assert.deepEqual(await searchDirectory(lab.exec, 'ou', 'serv'), [
      { name: 'Servers', dn: 'OU=Servers,DC=contoso,DC=com' },
      { name: 'Service Groups', dn: GROUPS },
    ]);
    // Each kind finds only its own class: WEB01 is no group, Servers is no computer.
    assert.deepEqual(await searchDirectory(lab.exec, 'group', 'web'), []);
    assert.deepEqual(await searchDirectory(lab.exec, 'computer', 'servers'), []);
    assert.ok((await searchDirectory(lab.exec, 'ou', '')).length >= 3, 'empty text lists every OU');
    assert.equal(stateText(dir), before);
  });

  it(`returns at most ${SEARCH_LIMIT}, the first by name`, async () => {
    await lab.use('healthy');
    await lab.session.run(
      ps`foreach ($i in 1..60) { New-ADGroup -Name ('app-{0:d2}' -f $i) -GroupScope Global -GroupCategory Security -Path ${GROUPS} }`,
    );
    const found = names(await searchDirectory(lab.exec, 'group', 'app-'));
    assert.equal(found.length, SEARCH_LIMIT);
    assert.deepEqual(
      found,
      Array.from({ length: SEARCH_LIMIT }, (_, i) => `app-${String(i + 1).padStart(2, '0')}`),
    );
  });

  it('matches hostile text literally (a typed * is a star) and changes nothing', async () => {
    const dir = await lab.use('healthy');
    // One group named after each hostile text (sAMAccountNames plain), plus a decoy that a wildcard would match.
    for (const [i, text] of HOSTILE.entries()) {
      await lab.session.run(
        ps`New-ADGroup -Name ${`h${i} ${text}`} -SamAccountName ${`hostile-${i}`} -GroupScope Global -GroupCategory Security -Path ${GROUPS}`,
      );
    }
    await lab.session.run(ps`New-ADGroup -Name 'decoy' -GroupScope Global -GroupCategory Security -Path ${GROUPS}`);
    const before = stateText(dir);
    const all = await searchDirectory(lab.exec, 'group', '');
    assert.ok(names(all).includes('decoy'));
    for (const text of HOSTILE) {
      const expected = all.filter((g) => g.name.toLowerCase().includes(text.toLowerCase()));
      const found = await searchDirectory(lab.exec, 'group', text);
      assert.deepEqual(found, expected, JSON.stringify(text));
      assert.ok(found.length >= 1 && !names(found).includes('decoy'), JSON.stringify(text));
    }
    assert.equal(stateText(dir), before);
  });

  it('a hostile corpus: every text runs as data or is refused with the reason; nothing changes', async () => {
    const dir = await lab.use('healthy');
    const before = stateText(dir);
    const computers = ['APP01', 'DC01', 'WEB01', 'WS01'];
    let ran = 0;
    for (const text of hostileStrings(200).filter((_, i) => i % 4 === 0)) {
      const search = searchDirectory(lab.exec, 'computer', text);
      if (text.length > 64 || LONE_SURROGATE.test(text)) {
        await assert.rejects(search, /at most 64 characters|broken character/);
        continue;
      }
      const expected = computers.filter((n) => n.toLowerCase().includes(text.toLowerCase()));
      assert.deepEqual(names(await search), expected, JSON.stringify(text));
      ran++;
    }
    assert.ok(ran > 20, `ran ${ran}`);
    assert.equal(stateText(dir), before);
  });

  it('exact: finds a computer that more than 50 names containing its name sort before (the search misses it)', async () => {
    const dir = await lab.use('many-hosts');
    // many-hosts' forty servers plus 55 more whose names contain WEB and sort before it: a computer named WEB is the
    // 56th match of a search for "web", past the 50 the search keeps.
    await lab.session.run(
      ps`foreach ($i in 1..55) { New-ADComputer -Name ('BWEB{0:d2}' -f $i) -Path 'OU=Servers,DC=contoso,DC=com' }
New-ADComputer -Name 'WEB' -Path 'OU=Servers,DC=contoso,DC=com'`,
    );
    const before = stateText(dir);
    const searched = names(await searchDirectory(lab.exec, 'computer', 'web'));
    assert.equal(searched.length, SEARCH_LIMIT);
    assert.ok(!searched.includes('WEB'), 'the containing search does not list WEB: the case the exact lookup is for');
    assert.deepEqual(await searchDirectory(lab.exec, 'computer', 'web', true), [
      { name: 'WEB', dn: 'CN=WEB,OU=Servers,DC=contoso,DC=com' },
    ]);
    // Exact means exact: WEB01 is not WEB0, and a server of the scenario is found by its own name in any case.
    assert.deepEqual(await searchDirectory(lab.exec, 'computer', 'WEB0', true), []);
    assert.deepEqual(names(await searchDirectory(lab.exec, 'computer', 'batch07', true)), ['BATCH07']);
    assert.equal(stateText(dir), before);
  });

  it("exact: by the sAMAccountName too (a computer's NAME$), and only its own kind", async () => {
    await lab.use('healthy');
    await lab.session.run(
      ps`New-ADComputer -Name 'Web Front' -SamAccountName 'WEBFRONT$' -Path 'OU=Servers,DC=contoso,DC=com'
New-ADGroup -Name 'Web Hosts' -SamAccountName 'WebHosts' -GroupScope Global -GroupCategory Security -Path ${GROUPS}`,
    );
    assert.deepEqual(names(await searchDirectory(lab.exec, 'computer', 'webfront', true)), ['Web Front']);
    assert.deepEqual(names(await searchDirectory(lab.exec, 'computer', 'Web Front', true)), ['Web Front']);
    assert.deepEqual(names(await searchDirectory(lab.exec, 'group', 'webhosts', true)), ['Web Hosts']);
    // A computer is no group; WEBFRONT$ is no group's sAMAccountName.
    assert.deepEqual(await searchDirectory(lab.exec, 'group', 'webfront', true), []);
    assert.deepEqual(names(await searchDirectory(lab.exec, 'ou', 'servers', true)), ['Servers']);
  });

  it('exact: LDAP specials (* ( ) \\) in a name are data: the one so named, never a wildcard or a new clause', async () => {
    const dir = await lab.use('healthy');
    const special = ['WEB*', 'WEB(1)', 'WEB)(', 'WEB\\01', '*)(name=*'];
    for (const [i, name] of special.entries()) {
      await lab.session.run(
        ps`New-ADComputer -Name ${name} -SamAccountName ${`SPECIAL${i}$`} -Path 'OU=Servers,DC=contoso,DC=com'`,
      );
    }
    const before = stateText(dir);
    for (const name of special) {
      assert.deepEqual(names(await searchDirectory(lab.exec, 'computer', name, true)), [name], JSON.stringify(name));
    }
    // A star matches only a computer named with a star; text that would close the filter finds nothing.
    assert.deepEqual(await searchDirectory(lab.exec, 'computer', '*', true), []);
    assert.deepEqual(await searchDirectory(lab.exec, 'computer', 'WEB\\', true), []);
    assert.deepEqual(await searchDirectory(lab.exec, 'computer', ')(name=WEB01', true), []);
    assert.deepEqual(await searchDirectory(lab.exec, 'computer', 'WEB01)(|(name=*', true), []);
    assert.equal(stateText(dir), before);
  });

  it('refuses text over 64 characters and unknown kinds, before any PowerShell runs', async () => {
    await rejectsWith(searchDirectory(noPowerShell, 'group', 'x'.repeat(65)), [
      { path: 'text', message: 'Search with at most 64 characters.' },
    ]);
    await rejectsWith(searchDirectory(noPowerShell, 'user' as 'group', 'x'), [
      { path: 'kind', message: 'Search computers, groups or OUs.' },
    ]);
    await rejectsWith(searchDirectory(noPowerShell, 'computer', '', true), [
      { path: 'text', message: 'Type the name to look up.' },
    ]);
  });
});
