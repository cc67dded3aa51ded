// Where to look, as the admin typed it, into what discover.run takes: this computer (nothing), a list of computers
// (upper-case, each once, in order), or an OU's distinguished name; or why it is not ready yet. Pure.
import type { DiscoverScope } from '../api/contract';

export type Scope = 'this' | 'list' | 'ou';

/** The computers typed (one per line, or separated by commas, semicolons or spaces), upper-case, each once. */
export function computerList(text: string): string[] {
  const names = text
    .split(/[\s,;]+/)
    .map((n) => n.trim().replace(/\$$/, '').toUpperCase())
    .filter((n) => n !== '');
  return [...new Set(names)];
}

/** What to ask the core, or why the input is not ready. */
export function discoverInput(input: {
  readonly scope: Scope;
  readonly computers: string;
  readonly searchBase: string;
}): DiscoverScope | string {
  if (input.scope === 'list') {
    const computers = computerList(input.computers);
    return computers.length === 0 ? 'Enter at least one computer name.' : { computers };
  }
  if (input.scope === 'ou') {
    const searchBase = input.searchBase.trim();
    return searchBase === '' ? 'Enter the distinguished name of an OU, or find one.' : { searchBase };
  }
  return {};
}
