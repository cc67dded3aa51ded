// The plan form's building blocks: the shared fields (components/fields) bound to the plan store — a text field and a
// radio group, each showing its field's problem (or note) and read-only once a run holds the plan — an OU field
// (typed, or found in the directory), and the styles the parts share.
import { makeStyles, tokens } from '@fluentui/react-components';
import { FormChoice, type FormChoiceProps } from '../fields/FormChoice';
import { FormText, type FormTextProps } from '../fields/FormText';
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

/** What the plan store fills in: a caller gives the rest. */
type Bound = 'id' | 'error' | 'note' | 'onBlur' | 'readOnly' | 'data-field';

interface TextFieldProps extends Omit<FormTextProps, Bound> {
  readonly field: FieldKey;
  readonly errors: PlanErrors;
}

/** A text field of the plan: touched on blur, so its problem shows from then on. */
export function TextField({ field, errors, ...props }: TextFieldProps) {
  const locked = useLocked();
  const touch = usePlan((s) => s.touch);
  return (
    <FormText
      {...props}
      id={fieldDomId(field)}
      error={errors.shown[field]}
      note={errors.notes[field]}
      readOnly={locked}
      onBlur={() => touch(field)}
      data-field={field}
    />
  );
}

interface PlanChoiceProps<V extends string> extends Omit<FormChoiceProps<V>, 'id' | 'error' | 'disabled'> {
  readonly field: FieldKey;
  readonly errors: PlanErrors;
}

/**
 * A radio group of the plan; its first radio takes the field's id. Disabled once a run holds the plan (a radio has
 * no read-only). Choosing marks the field touched through the caller's update.
 */
export function PlanChoice<V extends string>({ field, errors, ...props }: PlanChoiceProps<V>) {
  const locked = useLocked();
  return <FormChoice {...props} id={fieldDomId(field)} error={errors.shown[field]} disabled={locked} />;
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
