// The step list: a nav of buttons, the current one marked aria-current="step". Every step is a Tab stop (so Tab
// alone reaches all of them); Up/Down (and Home/End) also move between steps; Enter or Space opens one. Below the
// numbered steps, apart and unnumbered, the start screens in two groups (start from a failing job: find what runs as
// user accounts; review the domain: audit managed accounts): a Tab stop each, marked aria-current="page" when shown
// (they are not a step of the sequence).
import { makeStyles, mergeClasses, shorthands, tokens } from '@fluentui/react-components';
import { SearchRegular, ShieldTaskRegular } from '@fluentui/react-icons';
import { useRef, type KeyboardEvent } from 'react';
import { useNavigation } from '../store/navigationStore';
import { START_SCREENS, WIZARD_STEPS, type StepId } from '../store/steps';

/** The start screens in two groups, each named for what the admin comes with: a job that fails (find what runs as
 *  user accounts), or a domain to review (the managed accounts audit, read-only). Same Tab stops as one list. */
const START_GROUPS: readonly { label: string; Icon: typeof SearchRegular; screens: readonly StepId[] }[] = [
  { label: 'Start from a failing job', Icon: SearchRegular, screens: ['discover'] },
  { label: 'Review the domain', Icon: ShieldTaskRegular, screens: ['audit'] },
];

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalS}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  step: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    width: '100%',
    minHeight: '40px',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `${tokens.strokeWidthThin} solid transparent`,
    borderLeft: `${tokens.strokeWidthThickest} solid transparent`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground2,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    textAlign: 'start',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover, color: tokens.colorNeutralForeground1 },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '1px',
    },
  },
  current: {
    backgroundColor: tokens.colorSubtleBackgroundSelected,
    borderLeftColor: tokens.colorCompoundBrandStroke,
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    // Forced colors drop backgrounds and paint every border: mark the current step the system's way.
    '@media (forced-colors: active)': {
      forcedColorAdjust: 'none',
      backgroundColor: 'Highlight',
      color: 'HighlightText',
      ...shorthands.borderColor('Highlight'),
    },
  },
  number: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    flexShrink: 0,
    width: '24px',
    height: '24px',
    borderRadius: tokens.borderRadiusCircular,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    fontSize: tokens.fontSizeBase200,
  },
  startList: {
    listStyleType: 'none',
    margin: `0 ${tokens.spacingHorizontalS}`,
    padding: `${tokens.spacingVerticalM} 0`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  startIcon: { fontSize: '20px', flexShrink: 0 },
  currentNumber: {
    backgroundColor: tokens.colorCompoundBrandBackground,
    ...shorthands.borderColor(tokens.colorCompoundBrandBackground),
    color: tokens.colorNeutralForegroundOnBrand,
    '@media (forced-colors: active)': { ...shorthands.borderColor('HighlightText') },
  },
});

const MOVES: Record<string, (index: number, count: number) => number> = {
  ArrowDown: (i, n) => (i + 1) % n,
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowUp: (i, n) => (i - 1 + n) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_i, n) => n - 1,
};

export function StepNav({ className }: { className?: string }) {
  const styles = useStyles();
  const current = useNavigation((s) => s.current);
  const goTo = useNavigation((s) => s.goTo);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const move = MOVES[event.key];
    if (move === undefined || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    buttons.current[move(index, WIZARD_STEPS.length)]?.focus();
  }

  return (
    <nav className={className} aria-label="Wizard steps">
      <ol className={styles.list}>
        {WIZARD_STEPS.map((step, index) => {
          const isCurrent = step.id === current;
          return (
            <li key={step.id}>
              <button
                ref={(el) => {
                  buttons.current[index] = el;
                }}
                type="button"
                className={mergeClasses(styles.step, isCurrent && styles.current)}
                aria-current={isCurrent ? 'step' : undefined}
                onClick={() => goTo(step.id)}
                onKeyDown={(event) => onKeyDown(event, index)}
              >
                <span className={mergeClasses(styles.number, isCurrent && styles.currentNumber)} aria-hidden="true">
                  {index + 1}
                </span>
                {step.title}
              </button>
            </li>
          );
        })}
      </ol>
      {START_GROUPS.map((group) => (
        <ul key={group.label} className={styles.startList} aria-label={group.label}>
          {START_SCREENS.filter((screen) => group.screens.includes(screen.id)).map((screen) => {
            const isCurrent = screen.id === current;
            return (
              <li key={screen.id}>
                <button
                  type="button"
                  className={mergeClasses(styles.step, isCurrent && styles.current)}
                  aria-current={isCurrent ? 'page' : undefined}
                  onClick={() => goTo(screen.id)}
                >
                  <group.Icon className={styles.startIcon} aria-hidden="true" />
                  {screen.title}
                </button>
              </li>
            );
          })}
        </ul>
      ))}
    </nav>
  );
}
