// A command or raw output: a labelled, focusable (scrollable) monospace block, with a Copy button for commands.
import { makeStyles, tokens } from '@fluentui/react-components';
import { CopyButton } from '../CopyButton';

const useStyles = makeStyles({
  block: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  label: {
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
  },
  code: {
    margin: 0,
    maxHeight: '240px',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    overflow: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase300,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '1px',
    },
  },
});

interface CodeBlockProps {
  readonly id: string;
  readonly label: string;
  readonly code: string;
  /** The check's title, so each Copy button on the screen has its own name. */
  readonly about: string;
  readonly copyable?: boolean;
  readonly testId?: string;
}

export function CodeBlock({ id, label, code, about, copyable = true, testId }: CodeBlockProps) {
  const styles = useStyles();
  return (
    <div className={styles.block}>
      <div className={styles.header}>
        <p id={`${id}-label`} className={styles.label}>
          {label}
        </p>
        {copyable && <CopyButton text={code} what={label} accessibleName={`Copy ${label.toLowerCase()}: ${about}`} />}
      </div>
      <pre
        id={id}
        role="group"
        aria-labelledby={`${id}-label`}
        tabIndex={0}
        className={styles.code}
        data-testid={testId}
      >
        <code>{code}</code>
      </pre>
    </div>
  );
}
