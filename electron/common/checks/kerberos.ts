// Kerberos encryption: which encryption types the target computer's account supports (msDS-SupportedEncryptionTypes).
// gMSA keys are AES by default and RC4 is being retired; a computer that can only do RC4 cannot use an AES-only gMSA.
import { z } from 'zod';
import { defineCheck, psConst, type Evaluation } from './types.js';

const ENCRYPTION_BITS: readonly [number, string][] = [
  [0x1, 'DES-CBC-CRC'],
  [0x2, 'DES-CBC-MD5'],
  [0x4, 'RC4'],
  [0x8, 'AES128'],
  [0x10, 'AES256'],
];

export function encryptionTypeNames(value: number): string[] {
  return ENCRYPTION_BITS.filter(([bit]) => (value & bit) !== 0).map(([, name]) => name);
}

const encRaw = z.object({ computer: z.string(), supportedEncryptionTypes: z.number().int().nullable() });

export const kerberosEncryption = defineCheck({
  id: 'kerberos-encryption',
  group: 'Kerberos',
  title: 'Kerberos encryption types (AES)',
  why: "gMSA keys default to AES and Microsoft is retiring RC4: the host that uses a managed service account must support AES, or its password can't be used there.",
  command:
    "Get-ADComputer -Identity $env:COMPUTERNAME -Properties KerberosEncryptionType, 'msDS-SupportedEncryptionTypes' | Select-Object Name, KerberosEncryptionType, 'msDS-SupportedEncryptionTypes'",
  probe: psConst`$c = Get-MsaFact -Name 'computer'
[ordered]@{ computer = $c.name; supportedEncryptionTypes = $c.supportedEncryptionTypes }`,
  raw: encRaw,
  evaluate(raw): Evaluation {
    const aesFix = {
      summary: `Enable AES for ${raw.computer}: set "Network security: Configure encryption types allowed for Kerberos" (AES128, AES256) by GPO, or set the account's types, then restart ${raw.computer}.`,
      command: `Set-ADComputer -Identity ${raw.computer} -KerberosEncryptionType AES128, AES256, RC4`,
      actions: [],
    };
    if (raw.supportedEncryptionTypes === null || raw.supportedEncryptionTypes === 0) {
      return {
        status: 'warn',
        found: `${raw.computer}'s account does not list its Kerberos encryption types (msDS-SupportedEncryptionTypes is not set), so the DC falls back to its default (RC4 for the account's keys); AES support could not be confirmed.`,
        fix: aesFix,
      };
    }
    const names = encryptionTypeNames(raw.supportedEncryptionTypes);
    const list = `${names.join(', ') || 'none known'} (msDS-SupportedEncryptionTypes = ${raw.supportedEncryptionTypes})`;
    if (names.includes('AES128') || names.includes('AES256')) {
      return { status: 'pass', found: `${raw.computer} supports ${list}.` };
    }
    return {
      status: 'warn',
      found: `${raw.computer} supports only ${list}: no AES. It cannot use a gMSA limited to AES, and RC4 is being retired.`,
      fix: aesFix,
    };
  },
});

export const KERBEROS_CHECKS = [kerberosEncryption];
