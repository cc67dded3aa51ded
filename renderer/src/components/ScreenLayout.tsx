// Every screen: its heading (which labels the main region; focusable from script, e.g. after a resume), its content,
// and its primary action. The actions sit in a bar that sticks to the bottom of the main area (position: sticky)
// while the content is taller than the window, so Next, Run all or Continue stays in view at 1280x720 (an RDP
// window, issue 16) without the admin scrolling for it; when the content is short, the bar simply follows it.
// A part deeper in the screen can put its own primary action there too (a step list's "Run all"): through a portal
// into the bar's slot (useScreenActionsSlot), so it stays that part's component, and the bar shows once it holds one.
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { createContext, useContext, useState, type ReactNode } from 'react';

const SlotContext = createContext<HTMLElement | null>(null);

/** The screen's action bar, for a portal (null outside a screen, or before the bar is mounted). */
export function useScreenActionsSlot(): HTMLElement | null {
  return useContext(SlotContext);
}

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
    // Chrome keeps a sticky box inside the scroll container's padding: the bar reaches over the main area's bottom
    // padding (negative inset and margin, the same padding inside), so nothing scrolls by beneath it.
    bottom: `calc(-1 * ${tokens.spacingVerticalXXL})`,
    marginBottom: `calc(-1 * ${tokens.spacingVerticalXXL})`,
    zIndex: 1,
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    margin: `0 calc(-1 * ${tokens.spacingHorizontalS})`,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalS} calc(${tokens.spacingVerticalM} + ${tokens.spacingVerticalXXL})`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  // Without actions of its own the bar shows only once a part has put something in its slot.
  onlySlot: { display: 'none', ':has(> [data-actions-slot] > *)': { display: 'flex' } },
  slot: { display: 'contents' },
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
  const [slot, setSlot] = useState<HTMLDivElement | null>(null);
  const hasActions = actions !== undefined && actions !== null && actions !== false;
  return (
    <SlotContext.Provider value={slot}>
      <div className={styles.screen}>
        <h1 id="screen-heading" className={styles.heading} tabIndex={-1}>
          {title}
        </h1>
        <p className={styles.intro}>{intro}</p>
        {children}
        <div className={mergeClasses(styles.actions, !hasActions && styles.onlySlot)} data-testid="screen-actions">
          {hasActions && actions}
          <div ref={setSlot} className={styles.slot} data-actions-slot="" />
        </div>
      </div>
    </SlotContext.Provider>
  );
}
