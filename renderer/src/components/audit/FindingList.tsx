// The findings, filtered and sorted as the filters say, each opened in place. "Move to a managed account" plans the
// move of the finding's user account with discover.adopt and opens it on Account (setup/discoverActions.ts, as Find
// what runs as users does: discover/useMoveToManaged.tsx), asking first when the forms hold other answers.
import { makeStyles, tokens } from '@fluentui/react-components';
import type { AuditFinding, AuditReport } from '../../api/contract';
import { filterFindings, sortFindings } from '../../audit/findings';
import { useAudit } from '../../store/auditStore';
import { useCardStyles } from '../cardStyles';
import { useMoveToManaged } from '../discover/useMoveToManaged';
import { FindingFilters } from './FindingFilters';
import { FindingItem } from './FindingItem';

const useStyles = makeStyles({ empty: { margin: 0, padding: `${tokens.spacingVerticalS} 0` } });

export function FindingList({ report }: { report: AuditReport }) {
  const card = useCardStyles();
  const styles = useStyles();
  const severities = useAudit((s) => s.severities);
  const text = useAudit((s) => s.text);
  const sort = useAudit((s) => s.sort);
  const shown = sortFindings(filterFindings(report.findings, { severities, text }), sort);
  const { move: moveTarget, dialog } = useMoveToManaged();

  async function move(finding: AuditFinding) {
    const account = finding.moveAccount;
    if (account === null) return;
    await moveTarget({ key: finding.id, label: account, input: { account } });
  }

  return (
    <>
      {dialog}
      <FindingFilters findings={report.findings} shown={shown.length} />
      {shown.length === 0 ? (
        <p className={styles.empty}>
          {report.findings.length === 0 ? 'The audit found nothing to report.' : 'No finding matches the filters.'}
        </p>
      ) : (
        <ul className={card.list} aria-label="Findings" data-testid="audit-findings">
          {shown.map((f) => (
            <FindingItem key={f.id} finding={f} onMove={(finding) => void move(finding)} />
          ))}
        </ul>
      )}
    </>
  );
}
