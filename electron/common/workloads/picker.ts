// The pickers' one API operation ('host.items' { kind }): a kind's picker (its `picker` in workloads/<kind>/), run in
// one read-only round trip on the computer the wizard runs on, decoded into the shape every picker shares. A new kind
// with a picker needs nothing here.
import type { HostItems } from '../api/contract.js';
import type { Exec } from '../checks/run.js';
import { LOOKUP_TIMEOUT_MS } from '../directory/validate.js';
import { WORKLOAD_KINDS } from './registry.js';
import type { WorkloadPicker } from './types.js';

/** The picker of a kind, or undefined (an unknown kind, or one without a picker such as the scheduled task). */
export const pickerOf = (kind: string): WorkloadPicker | undefined =>
  WORKLOAD_KINDS.find((k) => k.settings.kind === kind)?.picker;

/** The picker's list of the wizard's computer. */
export async function listHostItems(exec: Exec, picker: WorkloadPicker): Promise<HostItems> {
  const data = await exec('host.items', picker.script, LOOKUP_TIMEOUT_MS);
  return picker.decode(data[0]);
}
