// The OU given could not be listed (a wrong distinguished name, no right to list it): a problem line under the OU
// field, where the admin fixes it, with what AD said, the fix and the command that shows whether AD knows the OU.
// Shown from the last search's report, until the next one.
import type { DiscoveryReport } from '../../api/contract';
import { searchBaseLine } from '../../discover/problems';
import { useCardStyles } from '../cardStyles';
import { ProblemLine } from './HostProblems';

export function SearchBaseProblem({ report }: { report: DiscoveryReport }) {
  const card = useCardStyles();
  const line = searchBaseLine(report);
  if (line === null) return null;
  return (
    <ul className={card.list} aria-label="The OU could not be listed" data-testid="discover-searchbase-problem">
      <ProblemLine line={line} />
    </ul>
  );
}
