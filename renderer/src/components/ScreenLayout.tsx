// Every screen: its heading (which labels the main region; focusable from script, e.g. after a resume), its content,
// and its primary action. The actions sit in a bar that sticks to the bottom of the main area (position: sticky)
// while the content is taller than the window, so Next, Run all or Continue stays in view at 1280x720 (an RDP
// window, issue 16) without the admin scrolling for it; when the content is short, the bar simply follows it.
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
  actions: {
    position: 'sticky',
    bottom: 0,
    zIndex: 1,
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    margin: `0 calc(-1 * ${tokens.spacingHorizontalS})`,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalS}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
});

export interface ScreenLayoutProps {
  readonly title: string;
  readonly intro: string;
  readonly children?: ReactNode;
  /** The screen's primary action (and its companions, e.g. Back), kept in view at the bottom of the main area. */
  readonly actions?: ReactNode;
}

export function ScreenLayout({ title, intro, children, actions }: ScreenLayoutProps) {
  const styles = useStyles();
  return (
    <div className={styles.screen}>
      <h1 id="screen-heading" className={styles.heading} tabIndex={-1}>
        {title}
      </h1>
      <p className={styles.intro}>{intro}</p>
      {children}
      {actions !== undefined && actions !== null && actions !== false && (
        <div className={styles.actions} data-testid="screen-actions">
          {actions}
        </div>
      )}
    </div>
  );
}
