// Prerequisites: where and as whom the wizard runs (environment.probe), with "Check again". The full health check
// arrives with its own issue; until then this screen shows only what the probe really found.
import { Button, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { ApiErrorBar } from '../components/ApiErrorBar';
import { EnvironmentFacts } from '../components/EnvironmentFacts';
import { ScreenLayout } from '../components/ScreenLayout';
import { useEnvironment } from '../store/environmentStore';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  cardHeader: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  cardHeading: {
    margin: 0,
    marginRight: 'auto',
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  status: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  later: { margin: 0, color: tokens.colorNeutralForeground2 },
});

export function PrerequisitesScreen() {
  const styles = useStyles();
  const { value, error, loading } = useEnvironment((s) => s.environment);
  const probe = useEnvironment((s) => s.probe);

  return (
    <ScreenLayout
      title="Prerequisites"
      intro="Where the wizard runs and as whom: the PowerShell panel below shows the exact script that finds out."
    >
      <section className={styles.card} aria-labelledby="environment-heading" aria-busy={loading}>
        <div className={styles.cardHeader}>
          <h2 id="environment-heading" className={styles.cardHeading}>
            This computer
          </h2>
          <span role="status" className={styles.status}>
            {loading ? 'Checking…' : ''}
          </span>
          <Button
            icon={loading ? <Spinner size="extra-tiny" aria-hidden="true" /> : <ArrowClockwiseRegular />}
            disabledFocusable={loading}
            onClick={() => void probe()}
          >
            Check again
          </Button>
        </div>
        {error !== null && <ApiErrorBar error={error} />}
        {value !== null && <EnvironmentFacts environment={value} />}
        {value === null && error === null && <p className={styles.later}>Reading the environment…</p>}
      </section>
      <p className={styles.later}>
        The full health check (functional levels, RSAT, rights, KDS root key, Kerberos) arrives with its feature issue.
      </p>
    </ScreenLayout>
  );
}
