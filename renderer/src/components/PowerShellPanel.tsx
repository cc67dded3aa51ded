// The PowerShell panel: a region under the screen, collapsed or open by a disclosure button in its heading. Open,
// it shows the exact scripts of the current step and the live output of everything the core runs.
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronUpRegular } from '@fluentui/react-icons';
import { useEffect } from 'react';
import { useNavigation } from '../store/navigationStore';
import { usePowerShell } from '../store/powershellStore';
import { stepById } from '../store/steps';
import { LiveOutput } from './LiveOutput';
import { ScriptView } from './ScriptView';

const useStyles = makeStyles({
  panel: {
    flex: '0 0 auto',
    display: 'flex',
    flexDirection: 'column',
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  heading: { margin: 0, padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}` },
  toggle: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  body: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)',
    '@media (max-width: 960px)': { gridTemplateColumns: 'minmax(0, 1fr)', gridAutoRows: 'minmax(160px, 1fr)' },
    gap: tokens.spacingHorizontalL,
    height: '38vh',
    minHeight: '200px',
    padding: `0 ${tokens.spacingHorizontalL} ${tokens.spacingVerticalM}`,
    overflowY: 'auto',
  },
});

export function PowerShellPanel() {
  const styles = useStyles();
  const open = usePowerShell((s) => s.open);
  const setOpen = usePowerShell((s) => s.setOpen);
  const step = stepById(useNavigation((s) => s.current));

  useEffect(() => {
    for (const script of step.scripts) void usePowerShell.getState().loadPreview(script.method);
  }, [step]);

  return (
    <section className={styles.panel} aria-labelledby="ps-panel-heading">
      <h2 id="ps-panel-heading" className={styles.heading}>
        <Button
          appearance="subtle"
          className={styles.toggle}
          icon={open ? <ChevronDownRegular /> : <ChevronUpRegular />}
          aria-expanded={open}
          aria-controls="ps-panel-body"
          onClick={() => setOpen(!open)}
        >
          PowerShell
        </Button>
      </h2>
      <div id="ps-panel-body" className={styles.body} hidden={!open}>
        <ScriptView key={step.id} scripts={step.scripts} />
        <LiveOutput />
      </div>
    </section>
  );
}
