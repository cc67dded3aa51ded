// A Windows service workload's settings: the computer, an existing service (picked from that computer's list when the
// wizard runs there, or typed) or a new one (name, display name, program with arguments, start type, description),
// restart after the change, and — when the service runs as a user account now — the acknowledgement that undo cannot
// put that account back. Each field shows the kind's own rule; read-only once the run has changed the service.
import { SERVICE_NO_RESTORE_WHY, START_TYPES, type StartType } from '../../api/contract';
import { useUpdateWorkload } from './useUpdateWorkload';
import { workloadFieldDomId, type Mode } from '../../store/workloadForms';
import type { WorkloadDraft } from '../../store/workloadStore';
import { usePartStyles } from '../plan/fields';
import { Acknowledgement } from './Acknowledgement';
import { HostPicker } from './HostPicker';
import { useHostLists, runsAsUser } from './hostLists';
import { WorkloadCheck, WorkloadChoice, WorkloadText, useWorkloadErrors } from './WorkloadFields';

interface ServiceFormProps {
  readonly draft: WorkloadDraft;
  /** The computer the wizard runs on (the picker lists only its services). */
  readonly here: string | null;
  readonly locked: boolean;
}

export function ServiceForm({ draft, here, locked }: ServiceFormProps) {
  const part = usePartStyles();
  const errors = useWorkloadErrors(draft, locked);
  const update = useUpdateWorkload(draft.id);
  const lists = useHostLists((s) => s.lists);
  if (draft.kindForm.kind !== 'service') return null;
  const form = draft.kindForm.form;
  const local = here !== null && here.toUpperCase() === draft.host.trim().toUpperCase();
  const asUser = runsAsUser('service', draft.host, form.mode, form.name, lists);
  return (
    <div className={part.fields} data-testid={`${draft.id}-form`}>
      <WorkloadText draft={draft} field="host" label="Computer" required errors={errors} locked={locked} />
      <WorkloadChoice<Mode>
        draft={draft}
        field="mode"
        label="Service"
        errors={errors}
        locked={locked}
        options={[
          { value: 'existing', label: 'An existing service' },
          { value: 'create', label: 'Create a service' },
        ]}
      />
      {form.mode === 'existing' && local && !locked && (
        <HostPicker
          kind="service"
          id={workloadFieldDomId(draft.id, 'name') + '-picker'}
          host={draft.host}
          disabled={locked}
          onPick={(item) => update({ name: item.name, acknowledgeNoRestore: false }, ['name'])}
        />
      )}
      <WorkloadText
        draft={draft}
        field="name"
        label="Service name"
        hint="The short name Get-Service shows (not the display name)."
        required
        errors={errors}
        locked={locked}
      />
      {form.mode === 'create' && (
        <>
          <WorkloadText
            draft={draft}
            field="displayName"
            label="Display name (optional)"
            errors={errors}
            locked={locked}
          />
          <WorkloadText
            draft={draft}
            field="binaryPath"
            label="Program and arguments"
            hint='Quote the path when it has spaces: "C:\Program Files\App\app.exe" --service'
            required
            errors={errors}
            locked={locked}
          />
          <WorkloadChoice<StartType>
            draft={draft}
            field="startType"
            label="Start type"
            errors={errors}
            locked={locked}
            options={START_TYPES.map((t) => ({ value: t, label: t }))}
          />
          <WorkloadText
            draft={draft}
            field="description"
            label="Description (optional)"
            errors={errors}
            locked={locked}
          />
        </>
      )}
      <WorkloadCheck
        draft={draft}
        field="restart"
        label="Restart the service and check it runs as the account"
        locked={locked}
      />
      {(asUser === true ||
        (asUser === null && !local && form.mode === 'existing' && form.name.trim() !== '') ||
        form.acknowledgeNoRestore) && (
        <Acknowledgement
          draft={draft}
          why={SERVICE_NO_RESTORE_WHY}
          what="service"
          known={asUser === true}
          errors={errors}
          locked={locked}
        />
      )}
    </div>
  );
}
