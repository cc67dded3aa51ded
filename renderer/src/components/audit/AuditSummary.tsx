// What the audit found, in one line (how many of each severity; the domain, the DC and when it read them), then the
// facts the findings rest on: the domain controllers (a Windows Server 2025 DC is what makes dMSAs, and BadSuccessor,
// possible) and the KDS root keys.
import type { AuditReport } from '../../api/contract';
import { summaryLine } from '../../audit/severity';
import { useCardStyles } from '../cardStyles';
import { FactsTable } from '../FactsTable';

function dcWords(report: AuditReport): string {
  if (report.dcs.length === 0) return 'none read';
  return report.dcs.map((dc) => `${dc.name} (${dc.operatingSystem})`).join(', ');
}

function kdsWords(report: AuditReport): string {
  const keys = report.kdsKeys.length;
  if (keys === 0) return 'none: no gMSA can get a password';
  const effective = report.kdsKeys.filter((k) => k.isEffective).length;
  return `${keys} (${effective} effective)`;
}

export function AuditSummary({ report, now }: { report: AuditReport; now: number }) {
  const card = useCardStyles();
  return (
    <section className={card.card} aria-labelledby="audit-summary-heading">
      <h2 id="audit-summary-heading" className={card.cardHeading}>
        {report.domain}
      </h2>
      <p className={card.note} data-testid="audit-summary">
        {summaryLine(report, now)}
      </p>
      <FactsTable
        testId="audit-facts"
        facts={[
          ['Domain controllers', dcWords(report)],
          ['KDS root keys', kdsWords(report)],
        ]}
      />
    </section>
  );
}
