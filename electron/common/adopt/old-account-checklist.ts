// What to do with the old user account once its workloads run as the gMSA: the wizard never disables or deletes it
// (a job nobody found may still use it). Summary and `msa-wizard adopt` show this checklist: watch its last logon,
// disable it after a quiet period, then delete it, each with the exact command. Pure data: the renderer imports it.

export interface ChecklistItem {
  /** What to do, one short line. */
  readonly title: string;
  /** Why, and when. */
  readonly why: string;
  /** The exact PowerShell, to run where `where` says. */
  readonly command: string;
  /** Where to run it: 'a computer with the AD module' or the host. */
  readonly where: string;
}

export interface ChecklistInput {
  /** The old account's sAMAccountName ('svc-report-user'). */
  readonly from: string;
  /** The gMSA's sAMAccountName ('svc-report$'). */
  readonly gmsa: string;
  /** The hosts its workloads ran on (for the leftover check). */
  readonly hosts: readonly string[];
  /** Original tasks kept disabled side by side: delete them once the gMSA's copy has proved itself. */
  readonly keptTasks?: readonly { readonly host: string; readonly taskPath: string; readonly taskName: string }[];
  /** Jobs that still run as the old account (not part of this move), in words: they must move first. */
  readonly otherJobs?: readonly string[];
  /** Days without a logon before disabling, then before deleting; default 30. */
  readonly quietDays?: number;
}

/** A PowerShell single-quoted literal. */
const q = (s: string): string => `'${s.replace(/'/g, "''")}'`;

export function oldAccountChecklist(input: ChecklistInput): ChecklistItem[] {
  const days = input.quietDays ?? 30;
  const ad = 'a computer with the Active Directory module';
  const others = input.otherJobs ?? [];
  const items: ChecklistItem[] = [
    ...(others.length === 0
      ? []
      : [
          {
            title: `Move its other jobs first`,
            why: `${input.from} still runs ${others.join('; ')}: until they run as a managed account too, it cannot be disabled.`,
            command: `msa-wizard adopt ${input.hosts.map((h) => `--computer ${h}`).join(' ')} --account ${q(input.from)} --out move.json`,
            where: 'the computer running MSA Wizard',
          },
        ]),
    {
      title: `Watch ${input.from}'s last logon`,
      why: `Nothing should log on as it any more. LastLogonDate replicates only every 9 to 14 days: look again after that, and check each host's Security log (event 4624) for a job nobody found.`,
      command: `Get-ADUser -Identity ${q(input.from)} -Properties LastLogonDate, PasswordLastSet, Enabled | Select-Object Name, Enabled, LastLogonDate, PasswordLastSet`,
      where: ad,
    },
    {
      title: 'Look for what still runs as it',
      why: 'Discovery again on the same computers: every job of the old account should now run as the gMSA.',
      command: `msa-wizard discover ${input.hosts.map((h) => `--computer ${h}`).join(' ')}`.trim(),
      where: 'the computer running MSA Wizard',
    },
    {
      title: `Disable ${input.from} after ${days} quiet days`,
      why: `Disabling is reversible (Enable-ADAccount): a forgotten job fails loudly instead of silently running with a standing password. The wizard never does this for you.`,
      command: `Disable-ADAccount -Identity ${q(input.from)}`,
      where: ad,
    },
    {
      title: `Delete ${input.from} after another ${days} days disabled`,
      why: `Only when nothing complained while it was disabled. With the AD Recycle Bin enabled it can still be restored for its lifetime (Restore-ADObject).`,
      command: `Remove-ADUser -Identity ${q(input.from)} -Confirm:$true`,
      where: ad,
    },
  ];
  for (const t of input.keptTasks ?? []) {
    items.push({
      title: `Delete the original task ${t.taskPath}${t.taskName} on ${t.host}`,
      why: `It is kept disabled with ${input.from}'s stored password so undo can switch back; once the gMSA's copy has run well for a while, remove it (and with it the stored password).`,
      command: `Unregister-ScheduledTask -TaskPath ${q(t.taskPath)} -TaskName ${q(t.taskName)} -Confirm:$true`,
      where: t.host,
    });
  }
  return items;
}
