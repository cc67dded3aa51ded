// The CSV report (pure), read back with a strict RFC 4180 reader: one row per finding, worst first, CRLF records,
// quotes doubled, a multi-line command kept in its quoted field, and no cell a spreadsheet would run as a formula
// (names from the directory starting with = + - @ get a leading ').
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CSV_BOM, CSV_HEADERS, csvField, renderCsv } from '../../electron/common/audit/report-csv.js';
import { renderReport } from '../../electron/common/audit/report.js';
import { readCsv } from './csv-read.js';
import { FORMULA_GROUP, REPORT } from './report-fixture.js';

const text = renderCsv(REPORT);
assert.ok(text.startsWith(CSV_BOM));
const [header, ...rows] = readCsv(text.slice(CSV_BOM.length));

describe('CSV report', () => {
  it('has a header and one row per finding, worst first, every row as wide as the header', () => {
    assert.deepEqual(header, [...CSV_HEADERS]);
    assert.deepEqual(
      rows.map((r) => r[0]),
      ['critical', 'critical', 'high', 'medium', 'low', 'info'],
    );
    assert.ok(rows.every((r) => r.length === CSV_HEADERS.length));
    const col = (name: (typeof CSV_HEADERS)[number]) => CSV_HEADERS.indexOf(name);
    const first = rows[0] ?? [];
    assert.equal(first[col('kind')], 'gmsa-broad-retriever');
    assert.equal(first[col('dn')], 'CN=gmsa-report,CN=Managed Service Accounts,DC=contoso,DC=com');
    assert.equal(first[col('evidence')], REPORT.findings[1]?.evidence.join(' | '));
    // The multi-line command stays one field, its lines CRLF-separated inside the quotes.
    assert.equal(first[col('fix command')], REPORT.findings[1]?.fix.command.replace(/\n/g, '\r\n'));
    const user = rows[2] ?? [];
    assert.equal(user[col('move account')], 'svc-legacy');
    assert.equal(user[col('title')], REPORT.findings[3]?.title, 'quotes and non-ASCII kept');
    assert.equal(
      user[col('evidence')],
      'pwdLastSet: 2022-12-01 | SPN HTTP/legacy.contoso.com | a\\u001b[31mred\\u000d\\u000aline',
    );
    assert.equal((rows[5] ?? [])[col('unknown')], REPORT.findings[4]?.unknown);
  });

  it('defuses formulas: every cell a spreadsheet would evaluate starts with a quote, its text kept', () => {
    const bad = rows.flat().filter((cell) => /^\s*[=+\-@]|^[\t\r]/.test(cell));
    assert.deepEqual(bad, []);
    const col = CSV_HEADERS.indexOf('title');
    assert.equal((rows[1] ?? [])[col], `'${FORMULA_GROUP} can create a dMSA in OU=App Servers`);
    assert.equal((rows[1] ?? [])[CSV_HEADERS.indexOf('fix command')]?.startsWith("'-dsacls"), true);
    for (const [value, cell] of [
      ['=1+1', "'=1+1"],
      ['+cmd|calc', "'+cmd|calc"],
      ['-2', "'-2"],
      ['@SUM(1)', "'@SUM(1)"],
      ['  =1', "'  =1"],
      ['\tx', "'\tx"],
      ['plain, "quoted"', '"plain, ""quoted"""'],
      ['a-b=c', 'a-b=c'],
    ]) {
      assert.equal(csvField(value ?? ''), cell);
    }
  });

  it('is saved as msa-audit-<domain>-<day>.csv', () => {
    assert.equal(renderReport(REPORT, 'csv', { timeZone: 'UTC' }).fileName, 'msa-audit-contoso.com-2026-12-05.csv');
  });
});
