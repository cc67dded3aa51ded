// Reading a CSV report back, strictly as RFC 4180 writes it, for the report and CLI tests.
import assert from 'node:assert/strict';

/** RFC 4180, strictly: CRLF between records (and after the last), a quote only to open, close or double in a field. */
export function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const field = (): string => {
    if (text[i] !== '"') {
      const end = text.slice(i).search(/[,\r\n]/);
      const value = end === -1 ? text.slice(i) : text.slice(i, i + end);
      assert.ok(!value.includes('"'), `a quote inside an unquoted field: ${value}`);
      i += value.length;
      return value;
    }
    let value = '';
    i++;
    for (;;) {
      const q = text.indexOf('"', i);
      assert.ok(q !== -1, 'an unclosed quoted field');
      value += text.slice(i, q);
      i = q + 1;
      if (text[i] !== '"') return value;
      value += '"';
      i++;
    }
  };
  while (i < text.length) {
    row.push(field());
    if (text[i] === ',') {
      i++;
      continue;
    }
    assert.equal(text.slice(i, i + 2), '\r\n', `a record ends with CRLF (at ${i})`);
    i += 2;
    rows.push(row);
    row = [];
  }
  assert.deepEqual(row, [], 'the last record ends with CRLF');
  return rows;
}
