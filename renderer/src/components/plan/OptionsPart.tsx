// Part 2: the account's name (checked as typed: the plan's rules at once, then whether AD already has it, debounced),
// description, the computer that runs the service, and for a gMSA the DNS host name and password interval; the
// Kerberos encryption types (AES on, RC4 off with a warning if turned on), optional SPNs (checked for duplicates
// across the forest) and the OU (picked from the directory or typed as a DN).
import { Checkbox, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useEffect } from 'react';
import {
  accountNameSchema,
  computerNameSchema,
  ENCRYPTION_TYPES,
  spnSchema,
  type EncryptionType,
} from '../../api/contract';
import { defaultDnsHostName, fieldDomId, spnLines, targetOf } from '../../store/planForm';
import { usePlan } from '../../store/planStore';
import { OuField, TextField, usePartStyles } from './fields';
import { useFormContext, useLocked, usePlanErrors } from './usePlanErrors';

const NAME_CHECK_MS = 400;
const SPN_CHECK_MS = 600;

const ENCRYPTION_LABELS: Record<EncryptionType, string> = {
  AES256: 'AES256 (recommended)',
  AES128: 'AES128 (recommended)',
  RC4: 'RC4 (weak: only for clients that cannot use AES)',
};

/** Asks AD whether the name is free once the admin stops typing (and the name passes the plan's rules). */
function useLiveNameCheck(name: string, locked: boolean): void {
  const checkName = usePlan((s) => s.checkName);
  useEffect(() => {
    if (locked || !accountNameSchema.safeParse(name).success) return;
    const timer = setTimeout(() => void checkName(name), NAME_CHECK_MS);
    return () => clearTimeout(timer);
  }, [name, locked, checkName]);
}

/**
 * Looks the typed target computer up once the admin stops typing (one directory.search per name), unless it is the
 * computer the wizard runs on: one the domain does not have is refused on the field (usePlanErrors).
 */
function useLiveTargetCheck(target: string, here: string | null, locked: boolean): void {
  const checkTarget = usePlan((s) => s.checkTarget);
  useEffect(() => {
    if (locked || target === (here ?? '').toUpperCase() || !computerNameSchema.safeParse(target).success) return;
    const timer = setTimeout(() => void checkTarget(target), NAME_CHECK_MS);
    return () => clearTimeout(timer);
  }, [target, here, locked, checkTarget]);
}

/** Asks the forest whether another object holds any of the SPNs, once they all pass the plan's rules. */
function useLiveSpnCheck(text: string, name: string, locked: boolean): void {
  const checkSpns = usePlan((s) => s.checkSpns);
  useEffect(() => {
    const spns = spnLines(text);
    if (locked || spns.length === 0 || spns.length > 50 || !spns.every((s) => spnSchema.safeParse(s).success)) return;
    const parsedName = accountNameSchema.safeParse(name);
    const account = parsedName.success ? `${parsedName.data}$` : null;
    const timer = setTimeout(() => void checkSpns(spns, account), SPN_CHECK_MS);
    return () => clearTimeout(timer);
  }, [text, name, locked, checkSpns]);
}

export function OptionsPart() {
  const styles = usePartStyles();
  const locked = useLocked();
  const ctx = useFormContext();
  const form = usePlan((s) => s.form);
  const update = usePlan((s) => s.update);
  const errors = usePlanErrors();
  const gmsa = form.accountType === 'gmsa';
  useLiveNameCheck(form.name, locked);
  useLiveTargetCheck(targetOf(form, ctx), ctx.computer, locked);
  useLiveSpnCheck(form.spns, form.name, locked);

  const parsedName = accountNameSchema.safeParse(form.name);
  const sam = parsedName.success ? `${parsedName.data}$` : null;
  const dnsDefault = defaultDnsHostName(form.name, ctx.domain);
  const encError = errors.shown.encryptionTypes;

  function toggleType(type: EncryptionType, on: boolean) {
    const set = new Set(form.encryptionTypes);
    if (on) set.add(type);
    else set.delete(type);
    update({ encryptionTypes: ENCRYPTION_TYPES.filter((t) => set.has(t)) }, ['encryptionTypes']);
  }

  return (
    <div className={styles.part}>
      <div className={styles.fields}>
        <TextField
          field="name"
          label="Account name"
          required
          value={form.name}
          errors={errors}
          hint={
            sam === null
              ? 'Letters, digits and hyphens (no _ or .: the name is also its DNS host name), at most 15 characters. The $ is added for you.'
              : `Letters, digits and hyphens (no _ or .: the name is also its DNS host name), at most 15 characters. The account will be ${sam}.`
          }
          onChange={(name) => update({ name }, ['name'])}
        />
        <TextField
          field="description"
          label="Description"
          hint="Optional: what the account is for. Stored exactly as typed."
          value={form.description}
          errors={errors}
          onChange={(description) => update({ description }, ['description'])}
        />
        <TextField
          field="targetComputer"
          label="Computer that runs the service"
          required
          value={form.targetComputer ?? ctx.computer ?? ''}
          errors={errors}
          hint={
            gmsa
              ? 'Where the account is installed and tested (Install & test). It is added to the computers allowed to retrieve the password.'
              : 'An sMSA is linked to this one computer, and installed and tested there.'
          }
          onChange={(targetComputer) => update({ targetComputer }, ['targetComputer'])}
        />
        {gmsa && (
          <TextField
            field="dnsHostName"
            label="DNS host name"
            value={form.dnsHostName ?? dnsDefault}
            errors={errors}
            hint={dnsDefault === '' ? 'Default: <name>.<domain>.' : `Default: ${dnsDefault}.`}
            onChange={(dnsHostName) => update({ dnsHostName }, ['dnsHostName'])}
          />
        )}
        <fieldset
          className={styles.fieldset}
          aria-describedby={encError === undefined ? 'plan-enc-hint' : 'plan-enc-error plan-enc-hint'}
        >
          <legend className={styles.legend}>Kerberos encryption types</legend>
          {(['AES256', 'AES128', 'RC4'] as const).map((type) => (
            <Checkbox
              key={type}
              id={type === 'AES256' ? fieldDomId('encryptionTypes') : `plan-enc-${type}`}
              label={ENCRYPTION_LABELS[type]}
              checked={form.encryptionTypes.includes(type)}
              disabled={locked}
              onChange={(_e, data) => toggleType(type, data.checked === true)}
            />
          ))}
          <p id="plan-enc-hint" className={styles.hint}>
            AES128 and AES256 are on by default. Keep RC4 off unless a client of the service cannot use AES.
          </p>
          {encError !== undefined && (
            <p id="plan-enc-error" role="alert" className={styles.error}>
              {encError}
            </p>
          )}
        </fieldset>
        {form.encryptionTypes.includes('RC4') && (
          <MessageBar intent="warning" layout="multiline" data-testid="rc4-warning">
            <MessageBarBody>
              <MessageBarTitle>RC4 is weak</MessageBarTitle>
              RC4 tickets can be cracked offline, and current Windows turns RC4 off by default. Allow it only for a
              service whose clients cannot use AES, and plan to turn it off again.
            </MessageBarBody>
          </MessageBar>
        )}
        {gmsa && (
          <TextField
            field="passwordIntervalDays"
            label="Password interval (days)"
            type="number"
            value={form.passwordIntervalDays}
            errors={errors}
            hint="How often Windows changes the password: 30 days by default. It can only be set now, when the account is created; changing it later means a new account."
            onChange={(passwordIntervalDays) => update({ passwordIntervalDays }, ['passwordIntervalDays'])}
          />
        )}
        <TextField
          field="spns"
          label="Service principal names (SPNs)"
          multiline
          value={form.spns}
          errors={errors}
          hint="Optional, one per line: service/host or service/host:port, e.g. HTTP/web01.contoso.com. Checked against the whole forest for duplicates."
          onChange={(spns) => update({ spns }, ['spns'])}
        />
        <OuField
          field="ouPath"
          label="Where to create the account (OU)"
          value={form.ouPath}
          errors={errors}
          defaultContainer="Managed Service Accounts"
          onChange={(ouPath) => update({ ouPath }, ['ouPath'])}
        />
      </div>
    </div>
  );
}
