// The form's edit of one workload of the store (the fields it changes count as touched).
import { useCallback } from 'react';
import type { KindForm, WorkloadFieldKey } from '../../store/workloadForms';
import { useWorkloads } from '../../store/workloadStore';

export function useUpdateWorkload(id: string) {
  const update = useWorkloads((s) => s.update);
  return useCallback(
    (patch: Partial<KindForm['form']>, touched: readonly WorkloadFieldKey[] = []) => update(id, patch, touched),
    [id, update],
  );
}
