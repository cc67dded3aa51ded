// Part 4 (gMSA): who may retrieve the password — a new security group (name, scope, optional path) or an existing
// one (found in the directory), and the computers to add to it (found, or typed). A broad principal (Domain
// Computers, Domain Users, Authenticated Users, Everyone) gets a loud warning: anyone in it can read the password.
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { BROAD_PRINCIPALS, computerNameSchema } from '../../api/contract';
import { fieldDomId, targetOf, type GroupScope } from '../../store/planForm';
import { usePlan } from '../../store/planStore';
import { DirectoryPicker } from './DirectoryPicker';
import { OuField, PlanChoice, TextField, usePartStyles } from './fields';
import { useFormContext, useLocked, usePlanErrors } from './usePlanErrors';
import { focusById } from '../../setup/focus';
import { lookUpComputer } from '../../setup/computerLookup';

const useStyles = makeStyles({
  computers: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  computer: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    maxWidth: '420px',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  name: { fontWeight: tokens.fontWeightSemibold },
});

const SCOPE_WORDS: Record<GroupScope, string> = {
  Global: 'Global (recommended: computers of this domain)',
  Universal: 'Universal (computers of several domains in the forest)',
  DomainLocal: 'Domain local',
};

/** The broad principal the group name names, if any. */
export function broadPrincipal(name: string): string | null {
  return BROAD_PRINCIPALS.find((b) => b.toLowerCase() === name.trim().toLowerCase()) ?? null;
}

export function BroadPrincipalWarning({ name }: { name: string }) {
  const broad = broadPrincipal(name);
  if (broad === null) return null;
  const who = broad.endsWith('Computers') ? 'every computer in the domain' : 'every user (and whatever runs as them)';
  return (
    <MessageBar intent="error" layout="multiline" data-testid="broad-principal-warning">
      <MessageBarBody>
        <MessageBarTitle>{`Anyone in ${broad} can read the password`}</MessageBarTitle>
        {`"${broad}" lets ${who} retrieve the password: whoever controls one of them can act as the service. Use a dedicated group with only the computers that run the service.`}
      </MessageBarBody>
    </MessageBar>
  );
}

function ComputerList() {
  const styles = useStyles();
  const part = usePartStyles();
  const locked = useLocked();
  const computers = usePlan((s) => s.form.computers);
  const update = usePlan((s) => s.update);
  const errors = usePlanErrors();
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState<string | null>(null);
  const [typedNote, setTypedNote] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const error = errors.shown['gmsa.computers'];

  /** Adds a name the directory gave (picked): it exists. */
  function addFound(name: string): void {
    setTypedError(null);
    setTypedNote(null);
    const current = usePlan.getState().form.computers;
    if (!current.includes(name)) update({ computers: [...current, name] }, ['gmsa.computers']);
  }

  /** Adds a typed name once the directory has it (one lookup per Add): a computer that does not exist is refused. */
  async function addTyped(): Promise<void> {
    const parsed = computerNameSchema.safeParse(typed);
    if (!parsed.success) {
      setTypedError(parsed.error.issues[0]?.message ?? 'Enter the computer name.');
      return;
    }
    if (checking) return;
    setChecking(true);
    const found = await lookUpComputer(parsed.data);
    setChecking(false);
    if (found.kind === 'missing') {
      setTypedError(found.message);
      setTypedNote(null);
      return;
    }
    addFound(found.kind === 'found' ? found.name.toUpperCase() : parsed.data);
    if (found.kind === 'unknown') setTypedNote(found.message);
    setTyped('');
  }

  function remove(name: string) {
    update({ computers: computers.filter((c) => c !== name) }, ['gmsa.computers']);
    focusById('plan-computer-typed', false);
  }

  return (
    <fieldset className={part.fieldset} aria-describedby={error === undefined ? undefined : 'plan-computers-error'}>
      <legend className={part.legend}>Computers allowed to retrieve the password</legend>
      {computers.length === 0 ? (
        <p className={part.note} id={fieldDomId('gmsa.computers')} tabIndex={-1}>
          No computers yet.
        </p>
      ) : (
        <ul className={styles.computers} aria-label="Computers added" id={fieldDomId('gmsa.computers')} tabIndex={-1}>
          {computers.map((c) => (
            <li key={c} className={styles.computer} data-computer={c}>
              <span className={styles.name}>{c}</span>
              {!locked && (
                <Button
                  size="small"
                  appearance="subtle"
                  icon={<DeleteRegular />}
                  aria-label={`Remove ${c}`}
                  onClick={() => remove(c)}
                >
                  Remove
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {error !== undefined && (
        <p id="plan-computers-error" role="alert" className={part.error}>
          {error}
        </p>
      )}
      {!locked && (
        <>
          <div className={part.row}>
            <Field
              className={part.grow}
              label={{ children: 'Computer name', htmlFor: 'plan-computer-typed' }}
              hint="Its name only, e.g. WEB02."
              validationState={typedError === null ? undefined : 'error'}
              validationMessage={typedError ?? undefined}
            >
              <Input
                id="plan-computer-typed"
                value={typed}
                onChange={(_e, data) => setTyped(data.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') {
                    event.preventDefault();
                    void addTyped();
                  }
                }}
              />
            </Field>
            <Button icon={<AddRegular />} disabledFocusable={checking} onClick={() => void addTyped()}>
              {checking ? 'Checking…' : 'Add'}
            </Button>
          </div>
          {typedNote !== null && (
            <p className={part.note} role="status">
              {typedNote}
            </p>
          )}
          <DirectoryPicker
            kind="computer"
            verb="Add"
            picked={computers}
            onPick={(entry) => addFound(entry.name.toUpperCase())}
          />
        </>
      )}
    </fieldset>
  );
}

export function AccessPart() {
  const styles = usePartStyles();
  const locked = useLocked();
  const ctx = useFormContext();
  const form = usePlan((s) => s.form);
  const update = usePlan((s) => s.update);
  const touched = usePlan((s) => s.touched['gmsa.computers'] === true);
  const errors = usePlanErrors();
  const isNew = form.groupMode === 'new';
  const target = targetOf(form, ctx);

  // The computer that runs the service must be able to retrieve the password: start the list with it.
  useEffect(() => {
    if (!locked && !touched && form.computers.length === 0 && computerNameSchema.safeParse(target).success) {
      usePlan.getState().update({ computers: [target] });
    }
  }, [locked, touched, form.computers.length, target]);

  return (
    <div className={styles.part}>
      <p className={styles.text}>
        Only the computers in this group can retrieve the password of the gMSA (and so run the service as it). Use a
        group of its own, holding just the computers that run the service.
      </p>
      <div className={styles.fields}>
        <PlanChoice
          field="gmsa.group.mode"
          label="Group allowed to retrieve the password"
          errors={errors}
          value={form.groupMode}
          options={[
            { value: 'new', label: 'Create a new security group' },
            { value: 'existing', label: 'Use an existing group', id: 'plan-group-mode-existing' },
          ]}
          onChange={(groupMode) => update({ groupMode }, ['gmsa.group.mode'])}
        />
        <TextField
          field="gmsa.group.name"
          label={isNew ? 'New group name' : 'Existing group name'}
          required
          value={form.groupName}
          errors={errors}
          hint={
            isNew
              ? `A security group, e.g. ${form.name.trim() === '' ? 'gMSA-Web-Hosts' : `${form.name.trim()}-Hosts`}. If a group of that name exists with the same settings, it is reused.`
              : 'Its pre-Windows 2000 name. Find it below.'
          }
          onChange={(groupName) => update({ groupName }, ['gmsa.group.name'])}
        />
        <BroadPrincipalWarning name={form.groupName} />
        {!isNew && !locked && (
          <DirectoryPicker
            kind="group"
            verb="Use"
            onPick={(entry) => update({ groupName: entry.name }, ['gmsa.group.name'])}
          />
        )}
        {isNew && (
          <>
            <PlanChoice
              field="gmsa.group.scope"
              label="Group scope"
              errors={errors}
              value={form.groupScope}
              options={(['Global', 'Universal', 'DomainLocal'] as const).map((scope) => ({
                value: scope,
                label: SCOPE_WORDS[scope],
                id: `plan-group-scope-${scope}`,
              }))}
              onChange={(groupScope) => update({ groupScope }, ['gmsa.group.scope'])}
            />
            <OuField
              field="gmsa.group.path"
              label="Where to create the group (OU)"
              value={form.groupPath}
              errors={errors}
              defaultContainer="Users"
              onChange={(groupPath) => update({ groupPath }, ['gmsa.group.path'])}
            />
          </>
        )}
        <ComputerList />
      </div>
    </div>
  );
}
