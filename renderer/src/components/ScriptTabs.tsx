// Tabs for a step's scripts (WAI-ARIA tabs, automatic activation): one Tab stop, arrows and Home/End move and select.
// Hand-made rather than Fluent's TabList, which would add about 25 KiB gzip to the first load for two tabs.
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useRef, type KeyboardEvent } from 'react';

const useStyles = makeStyles({
  list: { display: 'flex', gap: tokens.spacingHorizontalXS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  tab: {
    position: 'relative',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid transparent`,
    borderRadius: `${tokens.borderRadiusMedium} ${tokens.borderRadiusMedium} 0 0`,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground2,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    cursor: 'pointer',
    ':hover': { color: tokens.colorNeutralForeground1, backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '-2px',
    },
  },
  selected: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    '::after': {
      content: '""',
      position: 'absolute',
      left: tokens.spacingHorizontalS,
      right: tokens.spacingHorizontalS,
      bottom: '-1px',
      height: '3px',
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: tokens.colorCompoundBrandStroke,
      '@media (forced-colors: active)': { backgroundColor: 'Highlight' },
    },
  },
});

/** One tab: a stable key (an operation such as checks.preview, or a setup step's id) and its label. */
export interface ScriptTab {
  readonly key: string;
  readonly label: string;
}

export const scriptTabId = (key: string) => `ps-tab-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;

interface ScriptTabsProps {
  readonly scripts: readonly ScriptTab[];
  readonly selected: number;
  readonly panelId: string;
  /** The tab list's name (the audit screen's Findings / Inventory tabs name theirs). */
  readonly label?: string;
  onSelect(index: number): void;
}

export function ScriptTabs({ scripts, selected, panelId, label = 'Scripts of this step', onSelect }: ScriptTabsProps) {
  const styles = useStyles();
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const n = scripts.length;
    const to = { ArrowRight: (index + 1) % n, ArrowLeft: (index - 1 + n) % n, Home: 0, End: n - 1 }[event.key];
    if (to === undefined || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    onSelect(to);
    tabs.current[to]?.focus();
  }

  return (
    <div role="tablist" aria-label={label} className={styles.list}>
      {scripts.map((script, index) => (
        <button
          key={script.key}
          ref={(el) => {
            tabs.current[index] = el;
          }}
          id={scriptTabId(script.key)}
          type="button"
          role="tab"
          aria-selected={index === selected}
          aria-controls={panelId}
          tabIndex={index === selected ? 0 : -1}
          className={mergeClasses(styles.tab, index === selected && styles.selected)}
          onClick={() => onSelect(index)}
          onKeyDown={(event) => onKeyDown(event, index)}
        >
          {script.label}
        </button>
      ))}
    </div>
  );
}
