// Does a typed computer exist in the domain? Asked once when the admin presses Add (never per keystroke), with the
// read-only exact lookup (directory.search with exact: its name or NAME$, not the pickers' 50 best matches, which can
// leave it out): a name that is not there is refused before it reaches the plan, where it would only fail at run time
// ("may not have replicated") after the group was created.
import { call } from '../api/client';
import { api } from '../api/instance';
import { useEnvironment } from '../store/environmentStore';

export type ComputerLookup =
  | { readonly kind: 'found'; readonly name: string }
  | { readonly kind: 'missing'; readonly message: string }
  /** The directory could not be asked: the name is kept, with why it was not checked. */
  | { readonly kind: 'unknown'; readonly message: string };

/** The domain's name as the admin knows it ("contoso.com"), or words for it. */
function domainWords(): string {
  return useEnvironment.getState().environment.value?.domain ?? 'the domain';
}

export function noSuchComputer(name: string, domain: string = domainWords()): string {
  return `No computer named ${name} in ${domain}. Check the name (its NetBIOS name) or pick it from the list.`;
}

/** One lookup: the computer whose name is `name` (case-insensitive), as the directory spells it. */
export async function lookUpComputer(name: string): Promise<ComputerLookup> {
  const result = await call(api, 'directory.search', { kind: 'computer', text: name, exact: true });
  if (!result.ok) {
    return {
      kind: 'unknown',
      message: `${name} could not be looked up (${result.error.title}); it is added as typed, so check the name.`,
    };
  }
  if (result.value.length === 0) return { kind: 'missing', message: noSuchComputer(name) };
  // Its name as the directory spells it; a computer found by its sAMAccountName (NAME$) alone keeps the name typed.
  const hit = result.value.find((e) => e.name.toUpperCase() === name.toUpperCase());
  return { kind: 'found', name: hit?.name ?? name };
}
