// Reading an HTML report back as a browser would (parse5 implements the WHATWG parsing algorithm), for the report
// and CLI tests (parse5, a dev dependency).
import assert from 'node:assert/strict';
import { parse, type DefaultTreeAdapterMap } from 'parse5';

export type Node = DefaultTreeAdapterMap['node'];
export type Element = DefaultTreeAdapterMap['element'];

/** Parses like a browser; any parse error (an unclosed tag, a stray character) fails the test. */
export function parseStrict(text: string): DefaultTreeAdapterMap['document'] {
  const errors: string[] = [];
  const doc = parse(text, { onParseError: (e) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
  assert.deepEqual(errors, []);
  return doc;
}

export function elements(node: Node): Element[] {
  const own = 'tagName' in node ? [node] : [];
  const children = 'childNodes' in node ? node.childNodes : [];
  const inner = 'content' in node && node.content !== undefined ? [node.content as Node] : [];
  return [...own, ...[...children, ...inner].flatMap(elements)];
}

export function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}
