// Part 1: the account type, with one paragraph comparing them. gMSA is recommended; a type the domain cannot hold
// is disabled with the health check's reason. A radio group: arrows move and select.
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { accountTypeSupport } from '../../setup/support';
import { useHealth } from '../../store/healthStore';
import type { AccountType } from '../../store/planForm';
import { usePlan } from '../../store/planStore';
import { PlanChoice, usePartStyles } from './fields';
import { usePlanErrors } from './usePlanErrors';

const LABELS: Record<AccountType, string> = {
  gmsa: 'Group managed service account (gMSA) — recommended',
  smsa: 'Standalone managed service account (sMSA)',
};

export function AccountTypePart() {
  const styles = usePartStyles();
  const errors = usePlanErrors();
  const type = usePlan((s) => s.form.accountType);
  const update = usePlan((s) => s.update);
  const report = useHealth((s) => s.report);
  const checking = useHealth((s) => s.activity.kind === 'checks' && s.report === null);
  const support = accountTypeSupport(report);

  return (
    <div className={styles.part}>
      <p className={styles.text}>
        A <strong>standalone MSA (sMSA)</strong> runs a service on <strong>one computer</strong> and needs a Windows
        Server 2008 R2 domain. A <strong>group MSA (gMSA)</strong> can run on <strong>many computers</strong> (a farm, a
        cluster, or just one), needs Windows Server 2012 or later and a KDS root key, and its password is retrieved by
        the computers you allow. Both have passwords that Windows changes by itself; nobody ever types one. Choose a
        gMSA unless the domain cannot hold one.
      </p>
      <PlanChoice
        field="accountType"
        label="Account type"
        errors={errors}
        value={type}
        options={(['gmsa', 'smsa'] as const).map((t) => ({
          value: t,
          label: LABELS[t],
          id: `plan-account-type-${t}`,
          disabled: support[t].allowed === false,
          describedBy: support[t].allowed === false ? `plan-type-${t}-reason` : undefined,
        }))}
        onChange={(accountType) => update({ accountType }, ['accountType'])}
      />
      {(['gmsa', 'smsa'] as const).map(
        (t) =>
          support[t].allowed === false && (
            <p key={t} id={`plan-type-${t}-reason`} className={styles.note} data-testid={`type-${t}-reason`}>
              {`${t === 'gmsa' ? 'gMSA' : 'sMSA'}: ${support[t].reason}`}
            </p>
          ),
      )}
      {report === null && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            {checking
              ? 'The health check is still finding out which types this domain allows.'
              : 'Which types this domain allows is known once the health check (Prerequisites) has run.'}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
