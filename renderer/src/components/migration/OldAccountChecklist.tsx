// Summary of a move from a user account: what to do with the old account. The wizard never disables or deletes it (a
// job nobody found may still use it): watch its last logon, look again for what runs as it, disable it after a quiet
// period, then delete it, and the originals kept disabled side by side, each with the exact command and where to
// run it (the core's checklist: electron/common/adopt/old-account-checklist.ts).
import { makeStyles, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import { oldAccountChecklist, type ChecklistInput, type RunInfo } from '../../api/contract';
import { useMigration } from '../../store/migrationStore';
import { planWorkloads } from '../../store/planWorkloads';
import { useCardStyles } from '../cardStyles';
import { CodeBlock } from '../health/CodeBlock';

const useStyles = makeStyles({
  steps: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
  },
  step: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  title: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  why: { margin: 0, color: tokens.colorNeutralForeground2 },
});

/** The checklist's input from the run's plan: the old account, the gMSA, its hosts, the originals kept. */
function checklistInput(run: RunInfo, from: string): ChecklistInput {
  const plan = run.plan;
  const gmsa = plan.gmsa as { computers?: unknown } | undefined;
  const hosts = Array.isArray(gmsa?.computers) ? gmsa.computers.filter((c): c is string => typeof c === 'string') : [];
  const keptTasks = planWorkloads(plan).flatMap((w) => {
    const s = (w.settings ?? {}) as { taskPath?: unknown; taskName?: unknown; mode?: unknown };
    if (w.kind !== 'existing-task' || s.mode === 'in-place' || typeof s.taskName !== 'string') return [];
    return [{ host: w.host, taskPath: typeof s.taskPath === 'string' ? s.taskPath : '\\', taskName: s.taskName }];
  });
  return {
    from,
    gmsa: `${run.account.replace(/\$$/, '')}$`,
    hosts: hosts.length > 0 ? hosts : [run.targetComputer],
    keptTasks,
  };
}

export function OldAccountChecklist({ run }: { run: RunInfo }) {
  const card = useCardStyles();
  const styles = useStyles();
  const migration = useMigration((s) => s.migration);
  const items = useMemo(
    () => (migration === null ? [] : oldAccountChecklist(checklistInput(run, migration.from))),
    [run, migration],
  );
  if (migration === null) return null;
  return (
    <section className={card.card} aria-labelledby="old-account-heading" data-testid="old-account-checklist">
      <h2 id="old-account-heading" className={card.cardHeading}>
        {`The old account, ${migration.from}`}
      </h2>
      <p className={card.note}>
        The wizard never disables or deletes it: a job nobody found may still run as it. When its jobs run well as the
        gMSA:
      </p>
      <ol className={styles.steps}>
        {items.map((item, i) => (
          <li key={item.title} className={styles.step}>
            <p className={styles.title}>{item.title}</p>
            <p className={styles.why}>{item.why}</p>
            <CodeBlock
              id={`old-account-step-${i + 1}`}
              label={`Run on ${item.where}`}
              code={item.command}
              about={item.title}
            />
          </li>
        ))}
      </ol>
    </section>
  );
}
