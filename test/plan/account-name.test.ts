// The account-name rule (electron/common/plan/plan-schema.ts accountNameSchema): what sAMAccountName would allow but
// a managed service account's name may not hold, each refusal saying why (the NetBIOS 15, the DNS host-name label).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accountNameSchema } from '../../electron/common/plan/plan-schema.js';

const first = (name: string): string => {
  const parsed = accountNameSchema.safeParse(name);
  return parsed.success ? '' : (parsed.error.issues[0]?.message ?? '');
};

describe('the account-name rule', () => {
  it('takes letters, digits and hyphens, up to 15, the $ added for you', () => {
    for (const ok of ['svc-web', 'SVC01', 'svc-report-app1', 'svc-web$', ' a1 ']) {
      assert.equal(accountNameSchema.safeParse(ok).success, true, ok);
    }
    assert.equal(accountNameSchema.parse('svc-web$'), 'svc-web');
  });

  it('refuses _ and . saying why: the name is also its DNS host name’s first label', () => {
    for (const bad of ['svc_web', 'svc.web', 'svc.']) {
      assert.match(first(bad), /^Use only letters, digits and hyphens in the account name: _ and \. are refused/, bad);
      assert.match(first(bad), /first label of its DNS host name \(svc-web\.contoso\.com\)/);
      assert.match(first(bad), /Use a hyphen instead/);
    }
  });

  it('refuses 16 characters with the NetBIOS reason, and symbols, spaces, digits only', () => {
    assert.match(first('svc-web-frontend'), /^Use at most 15 characters: the sAMAccountName limit/);
    assert.match(first('svc-web-frontend'), /computer-class account whose NetBIOS name has at most 15/);
    assert.match(first('svc web'), /^Use only letters, digits and hyphens in the account name \(no spaces/);
    assert.match(first('-svc'), /Start the account name with a letter or digit/);
    assert.match(first('12345'), /digits only/);
    assert.match(first(''), /Enter a name/);
  });
});
