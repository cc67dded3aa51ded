// The frame: banner on top, the step list on the left, the current screen, and the PowerShell panel below it.
// It renders at once; app info, the environment, the run to resume (if any) and the health check are fetched after
// mount, and core events feed the panel. While the journal holds an unfinished run, a banner above the screen offers
// to resume it.
import { makeStyles, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import { api } from '../api/instance';
import { prefetchScreens, ScreenForStep } from '../screens/ScreenForStep';
import { useDiscover } from '../store/discoverStore';
import { useEnvironment } from '../store/environmentStore';
import { useHealth } from '../store/healthStore';
import { useNavigation } from '../store/navigationStore';
import { usePowerShell } from '../store/powershellStore';
import { useRun } from '../store/runStore';
import { stepById, stepPosition, WIZARD_STEPS } from '../store/steps';
import { AppHeader } from './AppHeader';
import { PowerShellPanel } from './PowerShellPanel';
import { ResumeBanner } from './run/ResumeBanner';
import { StepNav } from './StepNav';
import { useVisuallyHiddenStyles } from './visuallyHidden';

const useStyles = makeStyles({
  frame: {
    display: 'grid',
    gridTemplateColumns: '232px minmax(0, 1fr)',
    gridTemplateRows: 'auto minmax(0, 1fr)',
    height: '100%',
    // The frame is the viewport: only the nav, the main area and the PowerShell panel scroll, each on its own.
    overflow: 'hidden',
  },
  header: { gridColumn: '1 / -1' },
  nav: {
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    overflowY: 'auto',
    overscrollBehavior: 'contain',
    minHeight: 0,
  },
  workspace: { display: 'flex', flexDirection: 'column', minHeight: 0, overflow: 'hidden' },
  main: {
    flex: '1 1 auto',
    minHeight: 0,
    overflowY: 'auto',
    overscrollBehavior: 'contain',
    // The one scroll container of a screen, and positioned: the status text below (absolute) stays inside it, and a
    // screen's sticky action bar sticks to its bottom edge.
    position: 'relative',
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXXXL}`,
  },
});

export function WizardFrame() {
  const styles = useStyles();
  const hidden = useVisuallyHiddenStyles();
  const current = useNavigation((s) => s.current);
  const step = stepById(current);
  const position = stepPosition(current);

  useEffect(
    () =>
      api.onEvent((event) => {
        usePowerShell.getState().receive(event);
        useRun.getState().receive(event);
        useDiscover.getState().receive(event);
      }),
    [],
  );
  useEffect(() => {
    const { loadAppInfo, probe } = useEnvironment.getState();
    void loadAppInfo();
    void probe();
    // An unfinished run in the journal (the app was closed or crashed) is offered at once: reading it runs nothing.
    void useRun.getState().loadCurrent();
    // The health check starts once, with the app: after the (quick) probe, as the session runs one at a time.
    void useHealth.getState().run();
    // The setup screens load in their own chunks, after first paint.
    prefetchScreens();
  }, []);

  return (
    <div className={styles.frame}>
      <AppHeader className={styles.header} />
      <StepNav className={styles.nav} />
      <div className={styles.workspace}>
        <main className={styles.main} aria-labelledby="screen-heading">
          <ResumeBanner />
          <ScreenForStep step={current} />
          <p className={hidden.root} aria-live="polite">
            {position === null ? step.title : `${step.title}, step ${position} of ${WIZARD_STEPS.length}`}
          </p>
        </main>
        <PowerShellPanel />
      </div>
    </div>
  );
}
