// Prerequisites, the first screen an admin sees: where and as whom the wizard runs (environment.probe, "Check
// again"), then the prerequisite health check (checks.run, started with the app by the wizard frame). Above them, the
// way in for an admin who starts from a broken job: find what runs as user accounts. The verdict leads (ready, or
// what blocks which account type, linked to those checks), and Next to the Account screen stays in view.
import { Button, Link, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular, ArrowRightRegular } from '@fluentui/react-icons';
import { ApiErrorBar } from '../components/ApiErrorBar';
import { useCardStyles } from '../components/cardStyles';
import { EnvironmentFacts } from '../components/EnvironmentFacts';
import { HealthCheck } from '../components/health/HealthCheck';
import { HealthVerdict } from '../components/health/HealthVerdict';
import { ScreenLayout } from '../components/ScreenLayout';
import { useEnvironment } from '../store/environmentStore';
import { useNavigation } from '../store/navigationStore';
import { focusById } from '../setup/focus';

const useStyles = makeStyles({
  start: { margin: 0, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase400 },
});

export function PrerequisitesScreen() {
  const styles = useCardStyles();
  const own = useStyles();
  const goTo = useNavigation((s) => s.goTo);
  const { value, error, loading } = useEnvironment((s) => s.environment);
  const probe = useEnvironment((s) => s.probe);

  return (
    <ScreenLayout
      title="Prerequisites"
      intro="Where the wizard runs and as whom, and whether everything a managed service account needs is in place: levels, tools, rights, the KDS root key and Kerberos. The PowerShell panel below shows the exact scripts."
      actions={
        <Button
          id="prerequisites-next"
          appearance="primary"
          icon={<ArrowRightRegular />}
          iconPosition="after"
          onClick={() => {
            goTo('account');
            focusById('screen-heading', false);
          }}
        >
          Next
        </Button>
      }
    >
      <HealthVerdict />
      <p className={own.start} data-testid="start-from-failure">
        {'A task failed with a logon failure? '}
        <Link
          as="button"
          id="start-discover"
          onClick={() => {
            goTo('discover');
            focusById('screen-heading', false);
          }}
        >
          Find what runs as user accounts
        </Link>
      </p>
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
        {value === null && error === null && <p className={styles.note}>Reading the environment…</p>}
      </section>
      <HealthCheck />
    </ScreenLayout>
  );
}
