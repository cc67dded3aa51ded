// Whether the plan's "new" group is already in the directory (Review says "reused", not "New ... group"): the run's
// group step when it ran (found as planned: 'exists'), else one read-only lookup (directory.search) per name shown.
import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { api } from '../../api/instance';
import type { RunInfo } from '../../api/contract';

export function useGroupFound(name: string, run: RunInfo | null, enabled: boolean): boolean | null {
  const step = run?.steps.find((s) => s.id === 'group');
  const fromRun =
    step === undefined || step.status === 'pending' ? null : step.status === 'exists' || step.status === 'conflict';
  const [found, setFound] = useState<{ name: string; found: boolean } | null>(null);
  const wanted = name.trim();
  useEffect(() => {
    if (!enabled || fromRun !== null || wanted === '') return;
    let current = true;
    void call(api, 'directory.search', { kind: 'group', text: wanted }).then((result) => {
      if (!current || !result.ok) return;
      setFound({ name: wanted, found: result.value.some((e) => e.name.toUpperCase() === wanted.toUpperCase()) });
    });
    return () => {
      current = false;
    };
  }, [enabled, fromRun, wanted]);
  if (fromRun !== null) return fromRun;
  return found?.name === wanted ? found.found : null;
}
