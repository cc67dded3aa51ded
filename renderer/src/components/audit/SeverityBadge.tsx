// A finding's severity as an icon and a word (never colour alone), in the checks' tones.
import { ErrorCircleRegular, InfoRegular, WarningRegular, type FluentIcon } from '@fluentui/react-icons';
import type { Severity } from '../../api/contract';
import { SEVERITY_TONE, SEVERITY_WORDS } from '../../audit/severity';
import { StatusBadge } from '../StatusBadge';

const ICON: Record<Severity, FluentIcon> = {
  critical: ErrorCircleRegular,
  high: ErrorCircleRegular,
  medium: WarningRegular,
  low: InfoRegular,
  info: InfoRegular,
};

export function SeverityBadge({ severity, unknown }: { severity: Severity; unknown: boolean }) {
  return (
    <StatusBadge
      status={severity}
      label={unknown ? 'Unknown' : SEVERITY_WORDS[severity]}
      icon={ICON[severity]}
      tone={unknown ? 'unknown' : SEVERITY_TONE[severity]}
    />
  );
}
