// The pickers' lists (host.items { kind }: one shape for every kind): read once per screen visit and kind, shared by
// every form of that kind, read again on request. Read-only calls: they list the computer the wizard runs on.
import { useEffect } from 'react';
import { create } from 'zustand';
import { call } from '../../api/client';
import type { ApiError, ApiOutput } from '../../api/contract';
import { api } from '../../api/instance';
import type { FormKind } from '../../store/workloadForms';

export interface HostList {
  readonly kind: FormKind;
  readonly value: ApiOutput<'host.items'>;
}

interface Loaded {
  readonly loading: boolean;
  readonly list: HostList | null;
  readonly error: ApiError | null;
}

interface HostListsState {
  readonly lists: Partial<Record<FormKind, Loaded>>;
  load(kind: FormKind, again?: boolean): Promise<void>;
}

export const useHostLists = create<HostListsState>((set, get) => ({
  lists: {},
  async load(kind, again = false) {
    const now = get().lists[kind];
    if (now?.loading === true || (now !== undefined && !again)) return;
    set((s) => ({ lists: { ...s.lists, [kind]: { loading: true, list: now?.list ?? null, error: null } } }));
    const result = await call(api, 'host.items', { kind }).then((r) =>
      r.ok ? { ok: true as const, list: { kind, value: r.value } } : r,
    );
    set((s) => ({
      lists: {
        ...s.lists,
        [kind]: result.ok
          ? { loading: false, list: result.list, error: null }
          : { loading: false, list: null, error: result.error },
      },
    }));
  },
}));

/** The list of `kind` (loaded when first asked for, while `enabled`). */
export function useHostList(kind: FormKind, enabled: boolean): Loaded {
  const loaded = useHostLists((s) => s.lists[kind]);
  const load = useHostLists((s) => s.load);
  useEffect(() => {
    if (enabled) void load(kind);
  }, [enabled, kind, load]);
  return loaded ?? { loading: enabled, list: null, error: null };
}

/** One entry of a picker, whichever kind. */
export interface PickerItem {
  readonly name: string;
  /** The second line: display name, account and state. */
  readonly detail: string;
  /** Runs as a user account: the acknowledgement is needed. */
  readonly needsPassword: boolean;
}

/** The picker's entries of a loaded list. */
export function pickerItems(list: HostList | null): PickerItem[] {
  if (list === null) return [];
  return list.value.items.map((i) => ({
    name: i.name,
    detail: `${i.detail === '' ? '' : `${i.detail} — `}${i.runsAs}, ${i.state}`,
    needsPassword: i.needsPassword,
  }));
}

/**
 * Whether the workload's existing service or pool runs as a user account now, as the picker's list of its host says
 * (null: not known — another computer, or the list is not loaded). The form then asks for the acknowledgement.
 */
export function runsAsUser(
  kind: FormKind,
  host: string,
  mode: string,
  name: string,
  lists: HostListsState['lists'] = useHostLists.getState().lists,
): boolean | null {
  if (mode !== 'existing') return false;
  const list = lists[kind]?.list ?? null;
  if (list === null || list.value.computer.toUpperCase() !== host.trim().toUpperCase()) return null;
  const item = pickerItems(list).find((i) => i.name.toLowerCase() === name.trim().toLowerCase());
  // A name the list does not hold is no service or pool of that computer (the steps say so): nothing to acknowledge.
  return item === undefined ? false : item.needsPassword;
}
