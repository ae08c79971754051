// URLs that carry a user name or password (https://user:pass@host) would store a credential in clear in the
// connection settings; they are refused, naming the field but never echoing the value.

/** Dotted paths of every string in `value` that is a URL with credentials in it. */
export function urlCredentialPaths(value: unknown, path: string[] = []): string[] {
  if (typeof value === 'string') return hasCredentials(value) ? [path.join('.') || '(value)'] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => urlCredentialPaths(v, [...path, String(i)]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => urlCredentialPaths(v, [...path, k]));
  return [];
}

function hasCredentials(text: string): boolean {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text.trim())) return false;
  try {
    const u = new URL(text.trim());
    return u.username !== '' || u.password !== '';
  } catch {
    // Unparsable but shaped like scheme://user@host: refuse rather than store it.
    return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(text.trim());
  }
}
