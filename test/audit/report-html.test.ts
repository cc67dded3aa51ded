// The HTML report (pure), read back with parse5 (the WHATWG parsing algorithm browsers use; no parse error allowed):
// self-contained (no script, no external resource, a CSP that forbids both), printable (a finding never split across
// pages), accessible (lang, title, table captions and header cells with scope, 7:1 badge contrast), and every value
// escaped: a group named <script> renders as text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderHtml } from '../../electron/common/audit/report-html.js';
import { renderReport } from '../../electron/common/audit/report.js';
import { elements, parseStrict, textOf, type Element } from './html-parse.js';
import { EVIL_GROUP, FORMULA_GROUP, REPORT } from './report-fixture.js';

const attr = (e: Element, name: string) => e.attrs.find((a) => a.name === name)?.value;

/** WCAG relative luminance and contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (bl ?? 0);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

const text = renderHtml(REPORT, { timeZone: 'Europe/Paris' });
const doc = parseStrict(text);
const all = elements(doc);

describe('HTML report', () => {
  it('parses without a single error and runs nothing: no script, no external resource, a CSP forbidding both', () => {
    assert.deepEqual(
      all.filter((e) => ['script', 'iframe', 'object', 'embed', 'img', 'link', 'base', 'form'].includes(e.tagName)),
      [],
    );
    assert.deepEqual(
      all.flatMap((e) => e.attrs.filter((a) => /^on|^(src|href|action|srcset)$/.test(a.name))),
      [],
    );
    const css = all
      .filter((e) => e.tagName === 'style')
      .map(textOf)
      .join('');
    assert.doesNotMatch(css, /url\(|@import/);
    const csp = all.find((e) => attr(e, 'http-equiv') === 'Content-Security-Policy');
    assert.equal(attr(csp as Element, 'content'), "default-src 'none'; style-src 'unsafe-inline'");
  });

  it('renders names from the directory as text: <script>, quotes, formulas', () => {
    const body = textOf(all.find((e) => e.tagName === 'body') as Element);
    assert.ok(body.includes(`${EVIL_GROUP} | can retrieve the password of gmsa-report$ *now*`));
    assert.ok(body.includes(`CONTOSO\\${EVIL_GROUP}|x (group)`));
    assert.ok(body.includes(`CONTOSO\\${FORMULA_GROUP}: Allow CreateChild (all classes) (explicit)`));
    assert.ok(body.includes('a\\u001b[31mred\\u000d\\u000aline'), 'control characters shown as escapes');
    assert.doesNotMatch(text, /<script/i);
    assert.match(text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  it('lists the findings worst first, each with its evidence and its fix command as written', () => {
    const articles = all.filter((e) => e.tagName === 'article');
    assert.deepEqual(
      articles.map((a) => attr(a, 'class')),
      [
        'finding sev-critical',
        'finding sev-critical',
        'finding sev-high',
        'finding sev-medium',
        'finding sev-low',
        'finding sev-info',
      ],
    );
    const first = articles[0] as Element;
    const pre = elements(first).find((e) => e.tagName === 'pre') as Element;
    assert.equal(textOf(pre), REPORT.findings[1]?.fix.command);
    assert.deepEqual(
      elements(first)
        .filter((e) => e.tagName === 'li')
        .map(textOf),
      REPORT.findings[1]?.evidence,
    );
    assert.match(textOf(articles[2] as Element), /Move to a managed account\s*svc-legacy/);
    assert.match(textOf(articles[5] as Element), /Could not be determined\s*The directory does not record/);
  });

  it('is accessible: lang, a title, headings in order, captioned tables with scoped header cells, 7:1 badges', () => {
    const root = all.find((e) => e.tagName === 'html') as Element;
    assert.equal(attr(root, 'lang'), 'en');
    assert.equal(
      textOf(all.find((e) => e.tagName === 'title') as Element),
      'Managed accounts audit: contoso.com, Sat 5 Dec 2026 5:30 AM',
    );
    const levels = all.filter((e) => /^h[1-6]$/.test(e.tagName)).map((e) => Number(e.tagName[1]));
    assert.equal(levels[0], 1);
    levels.forEach((l, i) => i > 0 && assert.ok(l <= (levels[i - 1] ?? 0) + 1, `heading level jumps at ${i}`));
    const tables = all.filter((e) => e.tagName === 'table');
    assert.equal(tables.length, 3);
    for (const t of tables) {
      assert.ok(elements(t).some((e) => e.tagName === 'caption'));
      const ths = elements(t).filter((e) => e.tagName === 'th');
      assert.ok(ths.length > 0 && ths.every((th) => ['col', 'row'].includes(attr(th, 'scope') ?? '')));
    }
    const css = textOf(all.find((e) => e.tagName === 'style') as Element);
    const badges = [...css.matchAll(/\.sev-(\w+) \.badge \{ background: (#[0-9a-f]{6}); \}/g)];
    assert.equal(badges.length, 5);
    for (const [, severity, colour] of badges)
      assert.ok(contrast(colour ?? '', '#ffffff') >= 7, `${severity} ${colour}`);
    assert.ok(contrast('#1b1b1b', '#ffffff') >= 7 && contrast('#4a4a4a', '#ffffff') >= 7);
  });

  it('prints: a finding is never split across pages, table headers repeat', () => {
    const css = textOf(all.find((e) => e.tagName === 'style') as Element);
    const print = /@media print \{([\s\S]*?)\n\}/.exec(css)?.[1] ?? '';
    assert.match(print, /article\.finding \{ break-inside: avoid; page-break-inside: avoid; \}/);
    assert.match(print, /thead \{ display: table-header-group; \}/);
  });

  it('is saved as msa-audit-<domain>-<day>.html', () => {
    assert.equal(renderReport(REPORT, 'html', { timeZone: 'UTC' }).fileName, 'msa-audit-contoso.com-2026-12-05.html');
  });
});
