// Real mode or practice mode. Real mode needs Windows and a domain logon; everywhere else (and whenever asked with
// MSA_WIZARD_PRACTICE=1) the wizard runs on a simulated lab domain and can't touch a real one.
export type Mode = 'real' | 'practice';

export function decideMode(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): Mode {
  if (env.MSA_WIZARD_PRACTICE === '1') return 'practice';
  return platform === 'win32' && (env.USERDNSDOMAIN ?? '') !== '' ? 'real' : 'practice';
}
