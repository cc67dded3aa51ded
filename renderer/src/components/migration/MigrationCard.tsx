// The move from a user account, as the plan holds it: shown on Account (review), Use the account and Summary, so
// what the gMSA inherits (and what it does not, with why) is read before anything runs and after.
import { useMemo } from 'react';
import { migrationFacts } from '../../discover/migrationFacts';
import { useMigration } from '../../store/migrationStore';
import { planWorkloads } from '../../store/planWorkloads';
import { useCardStyles } from '../cardStyles';
import { FactsTable } from '../FactsTable';

interface MigrationCardProps {
  /** The plan (the run's, or the forms' as the core would get it). */
  readonly plan: Readonly<Record<string, unknown>>;
  /** Heading level: the review's parts use h3, the screens' cards h2. */
  readonly level: 2 | 3;
  readonly id: string;
}

export function MigrationCard({ plan, level, id }: MigrationCardProps) {
  const card = useCardStyles();
  const migration = useMigration((s) => s.migration);
  const rows = useMemo(() => {
    if (migration === null) return null;
    const name = typeof plan.name === 'string' ? plan.name : '';
    const gmsa = plan.gmsa as { computers?: unknown } | undefined;
    const computers = Array.isArray(gmsa?.computers) ? gmsa.computers.filter((c) => typeof c === 'string') : [];
    return migrationFacts(migration, name, computers, planWorkloads(plan));
  }, [migration, plan]);
  if (rows === null || migration === null) return null;
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className={card.card} aria-labelledby={`${id}-heading`} data-testid="migration">
      <Heading id={`${id}-heading`} className={card.cardHeading}>
        {`Moving from ${migration.from}`}
      </Heading>
      <FactsTable facts={rows} testId="migration-facts" />
    </section>
  );
}
