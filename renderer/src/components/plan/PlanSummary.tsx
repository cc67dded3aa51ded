// The plan in words, as a definition list: what the run will create and where.
import { defaultDnsHostName, spnLines, targetOf, type FormContext, type PlanForm } from '../../store/planForm';
import { FactsTable, type Fact } from '../FactsTable';

function rows(form: PlanForm, ctx: FormContext, groupFound: boolean | null): Fact[] {
  const gmsa = form.accountType === 'gmsa';
  const name = form.name.trim().replace(/\$$/, '');
  const spns = spnLines(form.spns);
  const out: Fact[] = [
    ['Type', gmsa ? 'Group managed service account (gMSA)' : 'Standalone managed service account (sMSA)'],
    ['Account', `${name}$`],
    ['Description', form.description === '' ? '(none)' : form.description],
    ['Computer that runs the service', targetOf(form, ctx)],
  ];
  if (gmsa) {
    const dns = form.dnsHostName?.trim() ?? '';
    out.push(['DNS host name', dns === '' ? defaultDnsHostName(name, ctx.domain) || '(the default)' : dns]);
  }
  out.push(['Kerberos encryption types', form.encryptionTypes.join(', ') || '(none)']);
  if (gmsa) {
    const days = form.passwordIntervalDays.trim();
    out.push(['Password interval', `${days} ${days === '1' ? 'day' : 'days'}`]);
  }
  out.push(['SPNs', spns.length === 0 ? '(none)' : spns.join('\n')]);
  out.push(['Created in', form.ouPath.trim() === '' ? 'the Managed Service Accounts container' : form.ouPath.trim()]);
  if (gmsa) {
    const group =
      form.groupMode === 'new' && groupFound === true
        ? `${form.groupName}, an existing security group: reused if it is ${form.groupScope} as planned (one with other settings is reported, never changed)`
        : form.groupMode === 'new'
          ? `New ${form.groupScope} security group ${form.groupName}${form.groupPath.trim() === '' ? '' : ` in ${form.groupPath.trim()}`}`
          : `Existing group ${form.groupName}`;
    out.push(['Who may retrieve the password', group]);
    out.push(['Computers added to it', form.computers.join(', ') || '(none)']);
  } else {
    out.push(['Linked to', targetOf(form, ctx)]);
  }
  return out;
}

/** `groupFound`: the planned new group is already in the directory (the run reuses it when its settings match). */
export function PlanSummary({
  form,
  ctx,
  groupFound = null,
}: {
  form: PlanForm;
  ctx: FormContext;
  groupFound?: boolean | null;
}) {
  return <FactsTable facts={rows(form, ctx, groupFound)} testId="plan-summary" />;
}
