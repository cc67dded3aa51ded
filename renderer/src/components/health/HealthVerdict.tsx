// The verdict at the top of Prerequisites: ready, what blocks which account type, or which checks could not be read
// (the warning tone: never "Ready" over a check whose answer is unknown), with a link to each check it names. A link opens that check's details and moves focus to it (the main area scrolls to it), so a failing check
// far down the list is one click away and never hidden below the fold.
import { Link, makeStyles, mergeClasses, Spinner, tokens } from '@fluentui/react-components';
import { CheckmarkCircleFilled, DismissCircleFilled, WarningFilled } from '@fluentui/react-icons';
import { healthVerdict } from '../../health/verdict';
import { useHealth } from '../../store/healthStore';
import { focusById } from '../../setup/focus';
import { checkDomId } from './ids';

const useStyles = makeStyles({
  verdict: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    alignItems: 'start',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  ready: { borderLeftColor: tokens.colorStatusSuccessBorderActive },
  warning: { borderLeftColor: tokens.colorStatusWarningBorderActive },
  blocked: { borderLeftColor: tokens.colorStatusDangerBorderActive },
  checking: {},
  icon: { fontSize: '20px', paddingTop: '2px' },
  readyIcon: { color: tokens.colorStatusSuccessForeground1 },
  warningIcon: { color: tokens.colorStatusWarningForeground3 },
  blockedIcon: { color: tokens.colorStatusDangerForeground1 },
  text: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  links: {
    gridColumn: '2',
    display: 'flex',
    flexWrap: 'wrap',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
});

/** Opens the check's details and puts focus on its title (the main area scrolls it into view). */
function goToCheck(checkId: string): void {
  useHealth.getState().setExpanded(checkId, true);
  focusById(checkDomId(checkId, 'toggle'), false);
  requestAnimationFrame(() =>
    document.getElementById(checkDomId(checkId, 'toggle'))?.scrollIntoView({ block: 'start' }),
  );
}

export function HealthVerdict() {
  const styles = useStyles();
  const report = useHealth((s) => s.report);
  const verdict = healthVerdict(report);
  const Icon = { ready: CheckmarkCircleFilled, warning: WarningFilled, blocked: DismissCircleFilled, checking: null }[
    verdict.tone
  ];
  const iconTone = { ready: styles.readyIcon, warning: styles.warningIcon, blocked: styles.blockedIcon, checking: '' }[
    verdict.tone
  ];
  return (
    <section
      className={mergeClasses(styles.verdict, styles[verdict.tone])}
      aria-labelledby="health-verdict"
      data-testid="health-verdict"
      data-tone={verdict.tone}
    >
      {Icon === null ? (
        <Spinner size="tiny" aria-hidden="true" />
      ) : (
        <Icon className={mergeClasses(styles.icon, iconTone)} aria-hidden="true" />
      )}
      <h2 id="health-verdict" className={styles.text}>
        {verdict.text}
      </h2>
      {verdict.checks.length > 0 && (
        <ul className={styles.links} aria-label="Go to the check">
          {verdict.checks.map((check) => (
            <li key={check.id}>
              <Link as="button" data-check-link={check.id} onClick={() => goToCheck(check.id)}>
                {`Go to ${check.title}`}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
