// Finds computers, groups or OUs in the directory by name (directory.search, read-only) and lets the admin pick one:
// a search field (Enter searches), then the results as a list, each with its own button. Keyboard only: Tab to the
// field, type, Enter, Tab to a result's button, Enter.
import { Button, Field, Input, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { SearchRegular } from '@fluentui/react-icons';
import { useId, useState } from 'react';
import { call } from '../../api/client';
import type { ApiError, DirectoryEntry } from '../../api/contract';
import { api } from '../../api/instance';
import { ApiErrorBar } from '../ApiErrorBar';

const useStyles = makeStyles({
  picker: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  row: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  field: { flex: '1 1 220px', minWidth: 0 },
  results: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    maxHeight: '240px',
    overflowY: 'auto',
  },
  result: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  name: { fontWeight: tokens.fontWeightSemibold },
  dn: {
    display: 'block',
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
  status: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

type Kind = 'computer' | 'group' | 'ou';

const KIND_WORDS: Record<Kind, { plural: string; label: string }> = {
  computer: { plural: 'computers', label: 'Find computers' },
  group: { plural: 'groups', label: 'Find groups' },
  ou: { plural: 'OUs', label: 'Find an OU' },
};

interface DirectoryPickerProps {
  readonly kind: Kind;
  /** The pick button's verb: "Use", "Add". */
  readonly verb: string;
  onPick(entry: DirectoryEntry): void;
  readonly disabled?: boolean;
  /** Entries already picked (their buttons say so and are disabled). */
  readonly picked?: readonly string[];
}

interface SearchState {
  readonly text: string;
  readonly loading: boolean;
  readonly results: readonly DirectoryEntry[] | null;
  readonly error: ApiError | null;
}

export function DirectoryPicker({ kind, verb, onPick, disabled = false, picked = [] }: DirectoryPickerProps) {
  const styles = useStyles();
  const id = useId();
  const [text, setText] = useState('');
  const [search, setSearch] = useState<SearchState | null>(null);
  const words = KIND_WORDS[kind];

  async function run() {
    if (search?.loading === true || disabled) return;
    const query = text.trim();
    setSearch({ text: query, loading: true, results: search?.results ?? null, error: null });
    const result = await call(api, 'directory.search', { kind, text: query });
    setSearch(
      result.ok
        ? { text: query, loading: false, results: result.value, error: null }
        : { text: query, loading: false, results: null, error: result.error },
    );
  }

  const count = search?.results?.length ?? 0;
  const isPicked = (entry: DirectoryEntry) => picked.some((p) => p.toLowerCase() === entry.name.toLowerCase());

  return (
    <div className={styles.picker} data-picker={kind}>
      <div className={styles.row}>
        <Field
          className={styles.field}
          label={{ children: words.label, htmlFor: `${id}-text` }}
          hint="Part of the name; empty lists the first 50."
        >
          <Input
            id={`${id}-text`}
            value={text}
            disabled={disabled}
            onChange={(_e, data) => setText(data.value.slice(0, 64))}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                void run();
              }
            }}
          />
        </Field>
        <Button
          icon={search?.loading === true ? <Spinner size="extra-tiny" aria-hidden="true" /> : <SearchRegular />}
          disabledFocusable={disabled || search?.loading === true}
          aria-label={`Search: ${words.label}`}
          onClick={() => void run()}
        >
          Search
        </Button>
      </div>
      <p role="status" className={styles.status}>
        {search === null
          ? ''
          : search.loading
            ? 'Searching…'
            : search.results === null
              ? ''
              : count === 0
                ? `No ${words.plural} found for “${search.text}”.`
                : `${count} ${count === 1 ? words.plural.replace(/s$/, '') : words.plural} found.`}
      </p>
      {search?.error != null && <ApiErrorBar error={search.error} />}
      {search?.results != null && count > 0 && (
        <ul className={styles.results} aria-label={`Search results: ${words.plural}`}>
          {search.results.map((entry) => (
            <li key={entry.dn} className={styles.result}>
              <span>
                <span className={styles.name}>{entry.name}</span>
                <span className={styles.dn}>{entry.dn}</span>
              </span>
              <Button
                size="small"
                disabledFocusable={disabled || isPicked(entry)}
                aria-label={`${isPicked(entry) ? 'Added' : verb} ${entry.name} (${entry.dn})`}
                onClick={() => onPick(entry)}
              >
                {isPicked(entry) ? 'Added' : verb}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
