// Every screen: its heading (which labels the main region; focusable from script, e.g. after a resume) and content.
import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  screen: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '760px' },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontWeight: tokens.fontWeightSemibold,
  },
  intro: { margin: 0, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase400 },
});

export function ScreenLayout({ title, intro, children }: { title: string; intro: string; children?: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.screen}>
      <h1 id="screen-heading" className={styles.heading} tabIndex={-1}>
        {title}
      </h1>
      <p className={styles.intro}>{intro}</p>
      {children}
    </div>
  );
}
