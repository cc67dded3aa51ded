// The findings' filters: a toggle per severity with its count (none pressed: all shown), words to find in the title,
// subject or kind, and the order. The count of what is shown is announced as it changes.
import { Button, Field, Input, makeStyles, Select, ToggleButton, tokens } from '@fluentui/react-components';
import { SEVERITIES, type AuditFinding } from '../../api/contract';
import { FINDING_SORTS, FINDING_SORT_WORDS, type FindingSort } from '../../audit/findings';
import { SEVERITY_WORDS, severityCounts } from '../../audit/severity';
import { useAudit } from '../../store/auditStore';

const useStyles = makeStyles({
  filters: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  toggles: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  fields: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL },
  text: { flexGrow: 1, minWidth: '240px' },
  shown: { margin: 0, color: tokens.colorNeutralForeground2 },
});

export function FindingFilters({ findings, shown }: { findings: readonly AuditFinding[]; shown: number }) {
  const styles = useStyles();
  const severities = useAudit((s) => s.severities);
  const text = useAudit((s) => s.text);
  const sort = useAudit((s) => s.sort);
  const { toggleSeverity, clearSeverities, setText, setSort } = useAudit.getState();
  const counts = severityCounts(findings);
  return (
    <div className={styles.filters}>
      <div role="group" aria-label="Show severities" className={styles.toggles}>
        {SEVERITIES.map((s) => (
          <ToggleButton
            key={s}
            size="small"
            id={`audit-severity-${s}`}
            checked={severities.includes(s)}
            onClick={() => toggleSeverity(s)}
          >
            {`${SEVERITY_WORDS[s]} (${counts[s]})`}
          </ToggleButton>
        ))}
        {severities.length > 0 && (
          <Button size="small" appearance="subtle" onClick={clearSeverities}>
            Show all severities
          </Button>
        )}
      </div>
      <div className={styles.fields}>
        <Field label="Find in title, subject or kind" className={styles.text}>
          <Input id="audit-find" type="search" value={text} onChange={(_e, data) => setText(data.value)} />
        </Field>
        <Field label="Sort by">
          <Select id="audit-sort" value={sort} onChange={(_e, data) => setSort(data.value as FindingSort)}>
            {FINDING_SORTS.map((s) => (
              <option key={s} value={s}>
                {FINDING_SORT_WORDS[s]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <p className={styles.shown} role="status" data-testid="audit-shown">
        {shown === findings.length
          ? `Showing all ${findings.length} findings.`
          : `Showing ${shown} of ${findings.length} findings.`}
      </p>
    </div>
  );
}
