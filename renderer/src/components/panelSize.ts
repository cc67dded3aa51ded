// The PowerShell panel's height under the splitter (WAI-ARIA window splitter): pure, so the keyboard rules are tested
// without a browser (test/renderer/panel-size.test.ts). Heights are CSS pixels of the panel's body, below its bar.

/** The smallest open panel: a tab row and a few script lines. */
export const PANEL_MIN = 120;
/** The first height once opened (collapsed until then). */
export const PANEL_DEFAULT = 240;
/** One Arrow key press. */
export const PANEL_STEP = 32;
/** What the main area always keeps above the panel: a screen's heading and its sticky action bar, so the panel can
 *  never hide the primary action (the 1280x720 RDP window of issue 16). */
export const MAIN_KEEPS = 300;

/** The tallest the panel may be in a workspace `available` pixels tall (never below PANEL_MIN). */
export function panelMax(available: number): number {
  return Math.max(PANEL_MIN, Math.floor(available - MAIN_KEEPS));
}

/** A height kept between PANEL_MIN and panelMax, in whole pixels. */
export function clampPanel(height: number, available: number): number {
  if (!Number.isFinite(height)) return Math.min(PANEL_DEFAULT, panelMax(available));
  return Math.round(Math.min(Math.max(height, PANEL_MIN), panelMax(available)));
}

/** What a key on the splitter does: a new height (which also opens a collapsed panel), a toggle, or nothing. The
 *  panel is the pane the splitter controls: ArrowUp moves the splitter up (a taller panel), Home gives the panel its
 *  smallest size, End its largest, Enter collapses or restores it. */
export type SplitterMove = { readonly height: number } | { readonly toggle: true } | null;

export function splitterKey(key: string, height: number, available: number): SplitterMove {
  switch (key) {
    case 'ArrowUp':
      return { height: clampPanel(height + PANEL_STEP, available) };
    case 'ArrowDown':
      return { height: clampPanel(height - PANEL_STEP, available) };
    case 'Home':
      return { height: PANEL_MIN };
    case 'End':
      return { height: panelMax(available) };
    case 'Enter':
      return { toggle: true };
    default:
      return null;
  }
}

/** What is remembered between sessions (localStorage): open or not, and the height. */
export interface PanelLayout {
  readonly open: boolean;
  readonly height: number;
}

export const PANEL_STORAGE_KEY = 'msa-wizard.powershell-panel';
export const DEFAULT_LAYOUT: PanelLayout = { open: false, height: PANEL_DEFAULT };

/** The remembered layout from its stored text; anything unreadable gives the default (collapsed). */
export function parseLayout(text: string | null): PanelLayout {
  if (text === null) return DEFAULT_LAYOUT;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return DEFAULT_LAYOUT;
    const { open, height } = value as Record<string, unknown>;
    return {
      open: open === true,
      height: typeof height === 'number' && Number.isFinite(height) && height >= PANEL_MIN ? height : PANEL_DEFAULT,
    };
  } catch {
    return DEFAULT_LAYOUT;
  }
}
