// Audit managed accounts: one read-only script (audit.run) reads every sMSA, gMSA and dMSA of the domain, who may
// take their passwords, the KDS root keys, the OUs where a dMSA could be made (BadSuccessor) and the user accounts
// that should be managed; nothing is changed. Then a line of what it found, the findings (filters, order, each opened
// with why, the evidence and the fix command; "Move to a managed account" for a user account), the inventory as a
// table, and the report exported as Markdown, HTML (printable) or CSV (audit.export, handed to the download).
import { Button, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular, ShieldTaskRegular } from '@fluentui/react-icons';
import { REPORT_FORMATS, type AuditReport, type ReportFormat } from '../api/contract';
import { countsInWords } from '../audit/severity';
import { ApiErrorBar } from '../components/ApiErrorBar';
import { AuditSummary } from '../components/audit/AuditSummary';
import { FindingList } from '../components/audit/FindingList';
import { InventoryTable } from '../components/audit/InventoryTable';
import { useCardStyles } from '../components/cardStyles';
import { ScreenLayout } from '../components/ScreenLayout';
import { ScriptTabs, scriptTabId } from '../components/ScriptTabs';
import { useVisuallyHiddenStyles } from '../components/visuallyHidden';
import { useAudit, type AuditTab } from '../store/auditStore';

const FORMAT_WORDS: Record<ReportFormat, string> = { md: 'Markdown', html: 'HTML', csv: 'CSV' };
const TABS: readonly AuditTab[] = ['findings', 'inventory'];
/** A tab's label, with how many it holds. */
const TAB_LABEL: Record<AuditTab, (report: AuditReport) => string> = {
  findings: (report) => `Findings (${report.findings.length})`,
  inventory: (report) => `Inventory (${report.accounts.length})`,
};
/** The tab's key in ScriptTabs (its button's id is scriptTabId of it, which the panel is labelled by). */
const tabKey = (tab: AuditTab): string => `audit-${tab}`;

const useStyles = makeStyles({
  status: { margin: 0, color: tokens.colorNeutralForeground2 },
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

function AuditActions() {
  const styles = useStyles();
  const running = useAudit((s) => s.running);
  const hasReport = useAudit((s) => s.report !== null);
  const exporting = useAudit((s) => s.exporting);
  const exported = useAudit((s) => s.exported);
  const { run, exportReport } = useAudit.getState();
  return (
    <>
      <Button
        id="audit-run"
        appearance={hasReport ? 'secondary' : 'primary'}
        icon={running ? <Spinner size="extra-tiny" aria-hidden="true" /> : <ShieldTaskRegular />}
        disabledFocusable={running}
        onClick={() => void run()}
      >
        {running ? 'Reading the directory…' : hasReport ? 'Run the audit again' : 'Run the audit'}
      </Button>
      {hasReport &&
        REPORT_FORMATS.map((format) => (
          <Button
            key={format}
            id={`audit-export-${format}`}
            icon={exporting === format ? <Spinner size="extra-tiny" aria-hidden="true" /> : <ArrowDownloadRegular />}
            disabledFocusable={exporting !== null || running}
            onClick={() => void exportReport(format)}
          >
            {`Export ${FORMAT_WORDS[format]}`}
          </Button>
        ))}
      {/* Next to the buttons the admin just pressed, in the bar that stays in view; a status region present from the
          first report on, so the message is announced when it appears. */}
      {hasReport && (
        <p className={styles.status} role="status" data-testid="audit-exported">
          {exported !== null && exported.ok ? exported.message : ''}
        </p>
      )}
    </>
  );
}

export function AuditScreen() {
  const styles = useStyles();
  const card = useCardStyles();
  const hidden = useVisuallyHiddenStyles();
  const report = useAudit((s) => s.report);
  const running = useAudit((s) => s.running);
  const error = useAudit((s) => s.error);
  const exported = useAudit((s) => s.exported);
  const tab = useAudit((s) => s.tab);
  const now = useAudit((s) => s.shownAt);
  const selected = TABS.indexOf(tab);
  return (
    <ScreenLayout
      title="Audit managed accounts"
      intro="Every sMSA, gMSA and dMSA of the domain, who can take their passwords, who can read the KDS root key, where a delegated MSA could be made (BadSuccessor), and the user accounts that should be managed accounts. Read-only: one PowerShell script reads the directory; nothing is changed. Each finding comes with the command that fixes it."
      actions={<AuditActions />}
    >
      {/* The button says it too; a status announces it (and the flex gap stays out of the layout while hidden). */}
      <p className={hidden.root} role="status" data-testid="audit-status">
        {running
          ? 'Reading the directory: one read-only script, nothing is changed…'
          : report !== null
            ? `Audit done: ${countsInWords(report.findings)}.`
            : ''}
      </p>
      {error !== null && <ApiErrorBar error={error} />}
      {/* An export that failed says why up here, with the screen's other errors; one that worked says so in the bar. */}
      {exported !== null && !exported.ok && <ApiErrorBar error={exported.error} />}
      {report !== null && (
        <>
          <AuditSummary report={report} now={now} />
          <section className={card.card} aria-label="Findings and inventory">
            <ScriptTabs
              label="Findings and inventory"
              scripts={TABS.map((t) => ({ key: tabKey(t), label: TAB_LABEL[t](report) }))}
              selected={selected}
              panelId="audit-tab-panel"
              onSelect={(index) => useAudit.getState().setTab(TABS[index] ?? 'findings')}
            />
            <div
              id="audit-tab-panel"
              role="tabpanel"
              aria-labelledby={scriptTabId(tabKey(tab))}
              className={styles.panel}
            >
              {tab === 'findings' ? <FindingList report={report} /> : <InventoryTable report={report} now={now} />}
            </div>
          </section>
        </>
      )}
    </ScreenLayout>
  );
}
