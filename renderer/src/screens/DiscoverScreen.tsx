// Find what runs as users: the admin starts from a broken job ("the task failed: the password expired") instead of a
// blank plan. Where to look, Find (discover.run: one read per computer over PowerShell remoting, the accounts from
// AD on this computer, nothing changed), progress per computer, then the accounts at risk worst first with every job
// that runs as each, a line per computer that could not be read or was read in part (the OU that could not be listed
// stands under where to look), and "Move to a managed account" (discover.adopt), which opens the move as a plan on
// Account, as Open answers does.
import { useMemo } from 'react';
import { ApiErrorBar } from '../components/ApiErrorBar';
import { AccountFindings } from '../components/discover/AccountFindings';
import { HostProblems } from '../components/discover/HostProblems';
import { SweepProgress } from '../components/discover/SweepProgress';
import { WhereToLook } from '../components/discover/WhereToLook';
import { ScreenLayout } from '../components/ScreenLayout';
import { useDiscover } from '../store/discoverStore';
import type { ScreenScripts } from '../store/powershellStore';
import { useSupplyScripts } from '../store/useSupplyScripts';

const SCRIPTS: ScreenScripts = {
  scripts: [],
  loading: false,
  error: null,
  note: 'The read-only scripts of the search show in the live output below as they run.',
};

export function DiscoverScreen() {
  const report = useDiscover((s) => s.report);
  const error = useDiscover((s) => s.error);
  useSupplyScripts(
    'discover',
    useMemo(() => SCRIPTS, []),
  );
  return (
    <ScreenLayout
      title="Find what runs as users"
      intro="The scheduled tasks, services and IIS application pools that run as ordinary user accounts, on this computer or many: which are failing or about to, and why. Move any account to a group managed service account: its jobs, groups, SPNs and file rights, tested and undoable."
    >
      <WhereToLook />
      {error !== null && <ApiErrorBar error={error} />}
      <SweepProgress />
      {report !== null && <AccountFindings report={report} />}
      {report !== null && <HostProblems report={report} />}
    </ScreenLayout>
  );
}
