// Every workload kind's form (a service, an application pool, ...), drawn from its descriptor
// (renderer/src/workloads/<kind>/): the computer; an existing object (picked from that computer's list when the wizard
// runs there, or typed) or a new one with the kind's own fields; the kind's check (restart, recycle); and — when the
// existing object runs as a user account now, or that is not known here — the acknowledgement that undo cannot put
// that account back. Each field shows the kind's own rule; read-only once the run has changed the host for it.
import { workloadFieldDomId, type Mode } from '../../store/workloadForms';
import type { WorkloadDraft } from '../../store/workloadStore';
import { formKind } from '../../workloads/registry';
import { usePartStyles } from '../plan/fields';
import { Acknowledgement } from './Acknowledgement';
import { HostPicker } from './HostPicker';
import { runsAsUser, useHostLists } from './hostLists';
import { useUpdateWorkload } from './useUpdateWorkload';
import { WorkloadCheck, WorkloadChoice, WorkloadText, useWorkloadErrors } from './WorkloadFields';

interface WorkloadFormProps {
  readonly draft: WorkloadDraft;
  /** The computer the wizard runs on (the picker lists only its objects). */
  readonly here: string | null;
  readonly locked: boolean;
}

export function WorkloadForm({ draft, here, locked }: WorkloadFormProps) {
  const part = usePartStyles();
  const errors = useWorkloadErrors(draft, locked);
  const update = useUpdateWorkload(draft.id);
  const lists = useHostLists((s) => s.lists);
  const { kind, form } = draft.kindForm;
  const k = formKind(kind);
  const local = here !== null && here.toUpperCase() === draft.host.trim().toUpperCase();
  const asUser = runsAsUser(kind, draft.host, form.mode, form.name, lists);
  return (
    <div className={part.fields} data-testid={`${draft.id}-form`}>
      <WorkloadText draft={draft} field="host" label="Computer" required errors={errors} locked={locked} />
      <WorkloadChoice<Mode>
        draft={draft}
        field="mode"
        label={k.modeLabel}
        errors={errors}
        locked={locked}
        options={[
          { value: 'existing', label: k.existingLabel },
          { value: 'create', label: k.createLabel },
        ]}
      />
      {form.mode === 'existing' && local && !locked && (
        <HostPicker
          kind={kind}
          id={workloadFieldDomId(draft.id, 'name') + '-picker'}
          host={draft.host}
          disabled={locked}
          onPick={(item) => update({ name: item.name, acknowledgeNoRestore: false }, ['name'])}
        />
      )}
      <WorkloadText
        draft={draft}
        field="name"
        label={k.nameLabel}
        hint={k.nameHint}
        required
        errors={errors}
        locked={locked}
      />
      {form.mode === 'create' &&
        k.createFields.map((f) =>
          f.type === 'text' ? (
            <WorkloadText
              key={f.field}
              draft={draft}
              field={f.field}
              label={f.label}
              {...(f.hint === undefined ? {} : { hint: f.hint })}
              {...(f.required === true ? { required: true } : {})}
              errors={errors}
              locked={locked}
            />
          ) : (
            <WorkloadChoice<string>
              key={f.field}
              draft={draft}
              field={f.field}
              label={f.label}
              errors={errors}
              locked={locked}
              options={f.options.map((o) => ({
                value: o.value,
                label: o.label,
                ...(o.idSuffix === undefined ? {} : { id: `${workloadFieldDomId(draft.id, f.field)}-${o.idSuffix}` }),
              }))}
            />
          ),
        )}
      <WorkloadCheck draft={draft} field={k.check.field} label={k.check.label} locked={locked} />
      {(asUser === true ||
        (asUser === null && !local && form.mode === 'existing' && form.name.trim() !== '') ||
        form.acknowledgeNoRestore) && (
        <Acknowledgement
          draft={draft}
          why={k.noRestoreWhy}
          what={k.what}
          known={asUser === true}
          errors={errors}
          locked={locked}
        />
      )}
    </div>
  );
}
