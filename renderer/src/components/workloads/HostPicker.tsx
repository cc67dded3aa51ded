// Picks an existing object of a workload kind (a service, an application pool, ...) on the computer the wizard runs on
// (host.items { kind }: read-only; the words are the kind's descriptor's): a Fluent Combobox whose typed text narrows the list; choosing one fills the form's name. Keyboard: Tab
// to it, type part of the name, arrow to the entry, Enter. Each entry says what it runs as now.
import { Button, Combobox, Field, Option, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { useMemo, useState } from 'react';
import type { FormKind } from '../../store/workloadForms';
import { formKind } from '../../workloads/registry';
import { ApiErrorBar } from '../ApiErrorBar';
import { pickerItems, useHostList, useHostLists, type PickerItem } from './hostLists';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  field: { flex: '1 1 260px', minWidth: 0 },
  detail: { display: 'block', color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  name: { display: 'block', fontWeight: tokens.fontWeightSemibold },
});

interface HostPickerProps {
  readonly kind: FormKind;
  /** The picker's DOM id (the combobox's input). */
  readonly id: string;
  readonly host: string;
  readonly disabled: boolean;
  onPick(item: PickerItem): void;
}

export function HostPicker({ kind, id, host, disabled, onPick }: HostPickerProps) {
  const styles = useStyles();
  const loaded = useHostList(kind, true);
  const reload = useHostLists((s) => s.load);
  const [query, setQuery] = useState('');
  const words = formKind(kind).picker;
  const items = useMemo(() => pickerItems(loaded.list), [loaded.list]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q === '' ? items : items.filter((i) => `${i.name} ${i.detail}`.toLowerCase().includes(q));
  }, [items, query]);
  const unavailable = loaded.list !== null && !loaded.list.value.available;
  const hint = loaded.loading
    ? `Reading the ${words.plural} of ${host}…`
    : unavailable
      ? `${loaded.list?.value.unavailable ?? `No ${words.plural} on ${host}`}: ${words.whenUnavailable}`
      : `${items.length} ${words.plural} on ${loaded.list?.value.computer ?? host}; type part of a name to narrow the list.`;

  return (
    <div className={styles.row}>
      <Field className={styles.field} label={{ children: words.label, htmlFor: id }} hint={hint}>
        <Combobox
          id={id}
          freeform
          disabled={disabled || loaded.loading || items.length === 0}
          placeholder={loaded.loading ? 'Loading…' : 'Type or choose'}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onOptionSelect={(_e, data) => {
            const item = items.find((i) => i.name === data.optionValue);
            if (item === undefined) return;
            setQuery(item.name);
            onPick(item);
          }}
        >
          {shown.map((item) => (
            <Option key={item.name} value={item.name} text={item.name}>
              <span>
                <span className={styles.name}>{item.name}</span>
                <span className={styles.detail}>{item.detail}</span>
              </span>
            </Option>
          ))}
        </Combobox>
      </Field>
      <Button
        icon={<ArrowClockwiseRegular />}
        disabledFocusable={loaded.loading}
        aria-label={`Read the ${words.plural} again`}
        onClick={() => void reload(kind, true)}
      >
        Refresh
      </Button>
      {loaded.error !== null && <ApiErrorBar error={loaded.error} />}
    </div>
  );
}
