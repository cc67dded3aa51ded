// The banner: the app's name and version, and in practice mode which simulated domain the wizard works on.
import { makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { useEnvironment } from '../store/environmentStore';
import { PracticeBanner } from './PracticeBanner';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    minHeight: '48px',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  version: { color: tokens.colorNeutralForeground2 },
});

export function AppHeader({ className }: { className?: string }) {
  const styles = useStyles();
  const info = useEnvironment((s) => s.appInfo.value);
  return (
    <header className={mergeClasses(styles.header, className)}>
      <Text as="span" weight="semibold" size={400}>
        MSA Wizard
      </Text>
      {info !== null && (
        <Text as="span" size={200} className={styles.version}>
          {`version ${info.version}`}
        </Text>
      )}
      {info?.mode === 'practice' && <PracticeBanner />}
    </header>
  );
}
