// What the app says when real mode starts without elevation (the installer asks for it; a shortcut may not).
export { isElevated, restartElevatedScript } from '../common/probes/elevation.js';

export const ELEVATION_MESSAGE = {
  title: 'MSA Wizard needs administrator rights',
  detail:
    'Creating service accounts, installing them on this computer, granting "Log on as a batch job" and registering ' +
    'scheduled tasks all require an elevated process. Restart MSA Wizard as administrator to continue, or quit.',
  buttons: ['Restart as administrator', 'Quit'],
} as const;
