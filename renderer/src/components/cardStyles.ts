import { makeStyles, tokens } from '@fluentui/react-components';

/**
 * A screen's cards (the environment facts, the health check, the setup steps, undo): a bordered section with a
 * heading row, and the lists in them (the checks, the steps, the fix and undo actions).
 */
export const useCardStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  cardHeader: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  cardHeading: {
    margin: 0,
    marginRight: 'auto',
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  status: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  note: { margin: 0, color: tokens.colorNeutralForeground2 },
  /** Rows one under the other, without bullets. */
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  /** A row of such a list in a box of its own: a fix action, an undo action. */
  item: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});

/**
 * A row whose status shows as a coloured left border (a health check, a setup step), its tone StatusBadge's, with the
 * status cell and the title beside it. Each list sets its own status-cell width (its longest status word).
 */
export const useStatusRowStyles = makeStyles({
  row: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    alignItems: 'start',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  fail: { borderLeftColor: tokens.colorStatusDangerBorderActive },
  warn: { borderLeftColor: tokens.colorStatusWarningBorderActive },
  unknown: { borderLeftColor: tokens.colorNeutralStrokeAccessible },
  pass: { borderLeftColor: tokens.colorStatusSuccessBorderActive },
  quiet: {},
  title: { margin: 0, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
});
