// OAuth 1.0a request signing (RFC 5849 §3.4) for NetSuite Token-Based Authentication: HMAC-SHA256 over
// the signature base string, key = consumer secret & token secret, realm = the account id. Pure functions;
// the HMAC is node:crypto's, only the base string is built here.
import { createHmac } from 'node:crypto';

/** RFC 3986 percent-encoding (unreserved: A-Z a-z 0-9 - . _ ~), as OAuth 1.0a requires. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Scheme and host in lower case, default port dropped, no query or fragment (§3.4.1.2). */
export function baseStringUri(url: string): string {
  const u = new URL(url);
  const defaultPort = (u.protocol === 'http:' && u.port === '80') || (u.protocol === 'https:' && u.port === '443') || u.port === '';
  return `${u.protocol.toLowerCase()}//${u.hostname.toLowerCase()}${defaultPort ? '' : `:${u.port}`}${u.pathname}`;
}

/** The signature base string: METHOD & uri & normalised parameters (query + oauth_*, sorted after encoding). */
export function signatureBaseString(method: string, url: string, oauthParams: ReadonlyArray<readonly [string, string]>): string {
  const query = [...new URL(url).searchParams.entries()];
  const pairs = [...query, ...oauthParams.filter(([k]) => k !== 'realm' && k !== 'oauth_signature')]
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const normalised = pairs.map(([k, v]) => `${k}=${v}`).join('&');
  return [method.toUpperCase(), percentEncode(baseStringUri(url)), percentEncode(normalised)].join('&');
}

export type OAuthDigest = 'sha256' | 'sha1';

/** base64 HMAC of the base string with key `enc(consumerSecret)&enc(tokenSecret)`. */
export function oauthSignature(baseString: string, consumerSecret: string, tokenSecret: string, digest: OAuthDigest = 'sha256'): string {
  return createHmac(digest, `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`).update(baseString).digest('base64');
}

export interface TbaRequest {
  method: string;
  url: string;
  realm: string;
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
  /** Epoch seconds. */
  timestamp: number;
  nonce: string;
}

/** The `Authorization: OAuth …` header value for one request. */
export function tbaAuthorization(r: TbaRequest): string {
  const params: Array<[string, string]> = [
    ['oauth_consumer_key', r.consumerKey],
    ['oauth_token', r.tokenId],
    ['oauth_signature_method', 'HMAC-SHA256'],
    ['oauth_timestamp', String(r.timestamp)],
    ['oauth_nonce', r.nonce],
    ['oauth_version', '1.0'],
  ];
  const signature = oauthSignature(signatureBaseString(r.method, r.url, params), r.consumerSecret, r.tokenSecret);
  const fields = [['realm', r.realm] as const, ...params, ['oauth_signature', signature] as const];
  return `OAuth ${fields.map(([k, v]) => `${k}="${percentEncode(v)}"`).join(', ')}`;
}
