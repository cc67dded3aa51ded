// The form's building blocks: a labelled text field (Fluent Field + Input or Textarea) wired to a plan field — its
// problem (aria-invalid, described by the message), its note, touched on blur, read-only once a run holds the plan —
// an OU field (typed, or found in the directory), and the styles the parts share.
import {
  Field,
  Input,
  makeStyles,
  Textarea,
  tokens,
  type FieldProps,
  type InputProps,
} from '@fluentui/react-components';
import { fieldDomId, type FieldKey } from '../../store/planForm';
import { usePlan } from '../../store/planStore';
import { DirectoryPicker } from './DirectoryPicker';
import { useLocked, type PlanErrors } from './usePlanErrors';

export const usePartStyles = makeStyles({
  part: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  fields: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '640px' },
  text: { margin: 0, lineHeight: tokens.lineHeightBase400 },
  note: { margin: 0, color: tokens.colorNeutralForeground2 },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  grow: { flex: '1 1 280px', minWidth: 0 },
  fieldset: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    margin: 0,
    padding: 0,
    border: 'none',
    minWidth: 0,
  },
  legend: {
    padding: 0,
    marginBottom: tokens.spacingVerticalXS,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  hint: { margin: 0, color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  error: { margin: 0, color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
});

interface TextFieldProps {
  readonly field: FieldKey;
  readonly label: string;
  readonly hint?: FieldProps['hint'];
  readonly value: string;
  readonly errors: PlanErrors;
  onChange(value: string): void;
  readonly multiline?: boolean;
  readonly placeholder?: string;
  readonly type?: InputProps['type'];
  readonly contentAfter?: InputProps['contentAfter'];
  readonly required?: boolean;
  readonly className?: string;
}

export function TextField(props: TextFieldProps) {
  const { field, label, hint, value, errors, onChange, multiline = false, placeholder, type, contentAfter } = props;
  const locked = useLocked();
  const touch = usePlan((s) => s.touch);
  const id = fieldDomId(field);
  const error = errors.shown[field];
  const note = errors.notes[field];
  const message = error ?? note;
  const control = multiline ? (
    <Textarea
      id={id}
      value={value}
      readOnly={locked}
      resize="vertical"
      placeholder={placeholder}
      onChange={(_e, data) => onChange(data.value)}
      onBlur={() => touch(field)}
    />
  ) : (
    <Input
      id={id}
      value={value}
      readOnly={locked}
      type={type}
      placeholder={placeholder}
      contentAfter={contentAfter}
      onChange={(_e, data) => onChange(data.value)}
      onBlur={() => touch(field)}
    />
  );
  return (
    <Field
      className={props.className}
      label={{ children: label, htmlFor: id }}
      hint={hint}
      required={props.required}
      validationState={error !== undefined ? 'error' : note !== undefined ? 'none' : undefined}
      validationMessage={message}
      data-field={field}
    >
      {control}
    </Field>
  );
}

interface OuFieldProps {
  readonly field: FieldKey;
  readonly label: string;
  readonly value: string;
  readonly errors: PlanErrors;
  onChange(dn: string): void;
  /** Where AD creates the object when no OU is given, e.g. "Users". */
  readonly defaultContainer: string;
}

/** Where to create an object: an OU's distinguished name, typed or found below (the picker, unless locked). */
export function OuField({ defaultContainer, ...props }: OuFieldProps) {
  const locked = useLocked();
  return (
    <>
      <TextField
        {...props}
        hint={`Optional: empty creates it in the ${defaultContainer} container. Type a distinguished name, or find an OU below.`}
      />
      {!locked && <DirectoryPicker kind="ou" verb="Use" onPick={(entry) => props.onChange(entry.dn)} />}
    </>
  );
}
