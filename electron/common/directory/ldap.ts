// LDAP filter values from user text.

/**
 * Escapes a value for an LDAP filter (RFC 4515): `\ * ( )` and NUL become `\5c \2a \28 \29 \00`, so text is
 * matched as it is written (a typed `*` is a star, not a wildcard) and cannot close or add filter clauses. The other
 * control characters (line breaks, tabs, DEL) are written as `\xx` too: RFC 4515 allows escaping any byte, and a
 * filter then stays on one line whatever was pasted into the search box.
 */
export function ldapEscape(value: string): string {
  // One pass: the backslashes the escapes add are never escaped again.
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\\*()\u0000-\u001F\u007F]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
