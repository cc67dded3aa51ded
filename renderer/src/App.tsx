// The root: Fluent's provider with the OS theme, around the wizard frame.
import { FluentProvider, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { WizardFrame } from './components/WizardFrame';
import { THEMES, useSystemScheme } from './theme/useSystemTheme';

const useStyles = makeStyles({
  root: {
    height: '100vh',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  light: { colorScheme: 'light' },
  dark: { colorScheme: 'dark' },
});

export function App() {
  const scheme = useSystemScheme();
  const styles = useStyles();
  return (
    <FluentProvider
      theme={THEMES[scheme]}
      className={mergeClasses(styles.root, scheme === 'light' ? styles.light : styles.dark)}
      data-scheme={scheme}
    >
      <WizardFrame />
    </FluentProvider>
  );
}
