// An IIS application pool workload's settings: the computer, an existing pool (picked from that computer's list when
// the wizard runs there, or typed) or a new one (.NET CLR version or No Managed Code, pipeline mode), recycle after the
// change, and — when the pool runs as a user account now — the acknowledgement that undo cannot put it back.
import {
  APP_POOL_NO_RESTORE_WHY,
  PIPELINE_MODES,
  RUNTIME_VERSIONS,
  runtimeWords,
  type PipelineMode,
  type RuntimeVersion,
} from '../../api/contract';
import { workloadFieldDomId, type Mode } from '../../store/workloadForms';
import type { WorkloadDraft } from '../../store/workloadStore';
import { usePartStyles } from '../plan/fields';
import { Acknowledgement } from './Acknowledgement';
import { HostPicker } from './HostPicker';
import { runsAsUser, useHostLists } from './hostLists';
import { useUpdateWorkload } from './useUpdateWorkload';
import { WorkloadCheck, WorkloadChoice, WorkloadText, useWorkloadErrors } from './WorkloadFields';

interface AppPoolFormProps {
  readonly draft: WorkloadDraft;
  readonly here: string | null;
  readonly locked: boolean;
}

export function AppPoolForm({ draft, here, locked }: AppPoolFormProps) {
  const part = usePartStyles();
  const errors = useWorkloadErrors(draft, locked);
  const update = useUpdateWorkload(draft.id);
  const lists = useHostLists((s) => s.lists);
  if (draft.kindForm.kind !== 'app-pool') return null;
  const form = draft.kindForm.form;
  const local = here !== null && here.toUpperCase() === draft.host.trim().toUpperCase();
  const asUser = runsAsUser('app-pool', draft.host, form.mode, form.name, lists);
  return (
    <div className={part.fields} data-testid={`${draft.id}-form`}>
      <WorkloadText draft={draft} field="host" label="Computer" required errors={errors} locked={locked} />
      <WorkloadChoice<Mode>
        draft={draft}
        field="mode"
        label="Application pool"
        errors={errors}
        locked={locked}
        options={[
          { value: 'existing', label: 'An existing pool' },
          { value: 'create', label: 'Create a pool' },
        ]}
      />
      {form.mode === 'existing' && local && !locked && (
        <HostPicker
          kind="app-pool"
          id={workloadFieldDomId(draft.id, 'name') + '-picker'}
          host={draft.host}
          disabled={locked}
          onPick={(item) => update({ name: item.name, acknowledgeNoRestore: false }, ['name'])}
        />
      )}
      <WorkloadText
        draft={draft}
        field="name"
        label="Application pool name"
        hint="As IIS Manager lists it, e.g. Reports."
        required
        errors={errors}
        locked={locked}
      />
      {form.mode === 'create' && (
        <>
          <WorkloadChoice<RuntimeVersion>
            draft={draft}
            field="managedRuntimeVersion"
            label=".NET CLR version"
            errors={errors}
            locked={locked}
            options={RUNTIME_VERSIONS.map((v) => ({
              value: v,
              label: runtimeWords(v),
              id: `${workloadFieldDomId(draft.id, 'managedRuntimeVersion')}-${v === '' ? 'none' : v.replace('.', '')}`,
            }))}
          />
          <WorkloadChoice<PipelineMode>
            draft={draft}
            field="pipelineMode"
            label="Managed pipeline mode"
            errors={errors}
            locked={locked}
            options={PIPELINE_MODES.map((m) => ({ value: m, label: m }))}
          />
        </>
      )}
      <WorkloadCheck
        draft={draft}
        field="recycle"
        label="Recycle the pool and check it runs as the account"
        locked={locked}
      />
      {(asUser === true ||
        (asUser === null && !local && form.mode === 'existing' && form.name.trim() !== '') ||
        form.acknowledgeNoRestore) && (
        <Acknowledgement
          draft={draft}
          why={APP_POOL_NO_RESTORE_WHY}
          what="application pool"
          known={asUser === true}
          errors={errors}
          locked={locked}
        />
      )}
    </div>
  );
}
