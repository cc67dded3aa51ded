// Says, whenever the wizard is in practice mode, that everything happens on a simulated domain.
import { makeStyles, tokens } from '@fluentui/react-components';
import { BeakerRegular } from '@fluentui/react-icons';
import { useEnvironment } from '../store/environmentStore';

const useStyles = makeStyles({
  banner: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    margin: 0,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusWarningBorder1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorStatusWarningBackground1,
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase300,
  },
  icon: { fontSize: '20px', flexShrink: 0 },
});

export function PracticeBanner() {
  const styles = useStyles();
  const scenario = useEnvironment((s) => s.environment.value?.lab?.scenario ?? null);
  return (
    <p className={styles.banner} data-testid="practice-banner">
      <BeakerRegular className={styles.icon} aria-hidden="true" />
      <span>
        Practice mode — simulated domain
        {scenario !== null && (
          <>
            {' '}
            <strong>{scenario}</strong>
          </>
        )}
        . Nothing here touches a real domain.
      </span>
    </p>
  );
}
