// Part 3 (gMSA): the KDS root key, as the health check found it. Not usable: the same fixes as on the Prerequisites
// screen (default: usable in 10 hours; immediately: this DC only; back-dated: test labs, with an acknowledgement).
// Once a key is pending, the plan can be saved on the last part and resumed after the key's effective time.
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { formatClock } from '../../health/time';
import { kdsCheck } from '../../setup/support';
import { useHealth } from '../../store/healthStore';
import { FixSection } from '../health/FixSection';
import { ReadyCountdown } from '../health/ReadyCountdown';
import { StatusIcon } from '../health/StatusIcon';
import { usePartStyles } from './fields';

export function KdsPart() {
  const styles = usePartStyles();
  const report = useHealth((s) => s.report);
  const activity = useHealth((s) => s.activity);
  const notice = useHealth((s) => s.notice);
  const appliedCount = useHealth((s) => s.applied.length);
  const run = useHealth((s) => s.run);
  const check = kdsCheck(report);
  const busy = activity.kind !== 'idle';

  if (check === null) {
    return (
      <div className={styles.part}>
        {busy ? (
          <Spinner size="tiny" labelPosition="after" label="The health check is reading the KDS root key…" />
        ) : (
          <>
            <p className={styles.text}>The KDS root key has not been checked yet.</p>
            <Button icon={<ArrowClockwiseRegular />} onClick={() => void run(['kds-root-key'])}>
              Check the KDS root key
            </Button>
          </>
        )}
      </div>
    );
  }

  const pending = check.status !== 'pass' && check.readyAt !== null;
  return (
    <div className={styles.part} data-testid="kds-part" data-status={check.status}>
      <p className={styles.text}>
        Domain controllers derive every gMSA password from a KDS root key: a gMSA can be created only once a key exists
        and its effective time has passed on the domain controller in use.
      </p>
      <div className={styles.row}>
        <StatusIcon status={check.status} checking={activity.kind === 'checks'} />
        <p className={styles.text}>{check.found}</p>
      </div>
      {check.status === 'pass' && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>The KDS root key is usable: nothing to do here.</MessageBarBody>
        </MessageBar>
      )}
      {pending && check.readyAt !== null && (
        <>
          <ReadyCountdown
            readyAt={check.readyAt}
            title={check.title}
            busy={busy}
            onRecheck={() => void run([check.id])}
          />
          <MessageBar intent="info" layout="multiline" data-testid="kds-save-hint">
            <MessageBarBody>
              <MessageBarTitle>You can save the plan and come back</MessageBarTitle>
              {`Fill in the remaining parts, then choose "Save the plan" on the last part. Reopen the wizard after ${formatClock(new Date(check.readyAt), new Date())}: it offers to resume the plan.`}
            </MessageBarBody>
          </MessageBar>
        </>
      )}
      {check.status !== 'pass' && check.fix !== null && <FixSection check={check} fix={check.fix} />}
      {notice !== null && (
        <MessageBar key={appliedCount} intent="success" politeness="polite" layout="multiline">
          <MessageBarBody>{`Fix applied: ${notice.applied}`}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
