// One PowerShell session per test file, re-bound from lab to lab (starting a session costs ~3 s of CPU here).
// Re-binding is what the session preamble does (Initialize-LabSession), plus unloading the lab ActiveDirectory
// module: once imported it would stay usable in a lab whose computer has no RSAT.
import type { HealthReport } from '../../electron/common/api/contract.js';
import { runHealthCheck, type Exec, type HealthCheckOptions } from '../../electron/common/checks/run.js';
import { ps } from '../../electron/common/powershell/script.js';
import type { PowerShellSession } from '../../electron/common/powershell/session.js';
import { LAB_MODULE_ROOT, LAB_RSAT_MODULE_ROOT } from '../../electron/lab/lab.js';
import { labSession, newLab } from '../helpers/lab.js';
import { trusted } from '../helpers/pwsh.js';

export interface SharedLab {
  readonly session: PowerShellSession;
  readonly exec: Exec;
  /** A fresh lab from `scenario`, the session bound to it; returns its directory. */
  use(scenario: string): Promise<string>;
  run(options?: HealthCheckOptions): Promise<HealthReport>;
  /** Test-only PowerShell (lab console commands such as Set-LabClock). */
  console(code: string): Promise<unknown[]>;
}

export function sharedLab(): SharedLab {
  const session = labSession(newLab('healthy'));
  const exec: Exec = (_operation, script, timeoutMs) => session.run(script, { timeoutMs });
  return {
    session,
    exec,
    async use(scenario) {
      const dir = newLab(scenario);
      await session.run(ps`Remove-Module -Name ActiveDirectory -Force -ErrorAction SilentlyContinue
Initialize-LabSession -LabDir ${dir} -ModuleRoot ${LAB_MODULE_ROOT} -RsatModuleRoot ${LAB_RSAT_MODULE_ROOT}`);
      return dir;
    },
    run: (options = {}) => runHealthCheck(exec, options),
    console: (code) => session.run(trusted(code)),
  };
}
