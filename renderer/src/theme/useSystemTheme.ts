// Follows the operating system: high contrast (forced colors) first, then light or dark, updated live when the
// user changes it.
import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import { useSyncExternalStore } from 'react';

export type SystemScheme = 'light' | 'dark' | 'high-contrast';

const DARK = '(prefers-color-scheme: dark)';
const FORCED_COLORS = '(forced-colors: active)';

export const THEMES: Record<SystemScheme, Theme> = {
  light: webLightTheme,
  dark: webDarkTheme,
  'high-contrast': teamsHighContrastTheme,
};

function currentScheme(): SystemScheme {
  if (window.matchMedia(FORCED_COLORS).matches) return 'high-contrast';
  return window.matchMedia(DARK).matches ? 'dark' : 'light';
}

function subscribe(onChange: () => void): () => void {
  const queries = [window.matchMedia(DARK), window.matchMedia(FORCED_COLORS)];
  for (const query of queries) query.addEventListener('change', onChange);
  return () => {
    for (const query of queries) query.removeEventListener('change', onChange);
  };
}

export function useSystemScheme(): SystemScheme {
  return useSyncExternalStore(subscribe, currentScheme);
}
