// Who is calling: the TLS client certificate must chain to a configured CA (checked by TLS itself) and
// carry the expected subject CN (and issuer CN when configured). Concur recommends the CN check.
import type { TLSSocket } from 'node:tls';

export const ESS_SUBJECT_CN = 'webhook.api.concursolutions.com';

export interface PeerRule {
  subjectCNs: readonly string[];
  /** Empty = any issuer the trusted CAs vouch for. */
  issuerCNs: readonly string[];
}

export type PeerCheck = { ok: true; subjectCN: string } | { ok: false; reason: string };

interface CertNames {
  subject?: Record<string, string | string[] | undefined>;
  issuer?: Record<string, string | string[] | undefined>;
}

function names(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Pure decision on an (already TLS-verified or not) peer certificate. */
export function judgePeer(authorized: boolean, authorizationError: string | undefined, cert: CertNames | null, rule: PeerRule): PeerCheck {
  if (!cert || !cert.subject) return { ok: false, reason: 'no client certificate was presented' };
  if (!authorized) return { ok: false, reason: `the client certificate is not trusted (${authorizationError ?? 'unknown reason'})` };
  const cns = names(cert.subject.CN);
  const cn = cns.find((c) => rule.subjectCNs.includes(c));
  if (!cn) return { ok: false, reason: `the client certificate is for "${cns.join(', ') || '(no CN)'}", not ${rule.subjectCNs.join(' or ')}` };
  if (rule.issuerCNs.length > 0) {
    const issuers = names(cert.issuer?.CN);
    if (!issuers.some((i) => rule.issuerCNs.includes(i))) return { ok: false, reason: `the client certificate was issued by "${issuers.join(', ') || '(no CN)'}", not ${rule.issuerCNs.join(' or ')}` };
  }
  return { ok: true, subjectCN: cn };
}

export function checkPeer(socket: TLSSocket, rule: PeerRule): PeerCheck {
  const cert = socket.getPeerCertificate();
  const present = cert && Object.keys(cert).length > 0 ? (cert as CertNames) : null;
  const err = socket.authorizationError;
  return judgePeer(socket.authorized, err === null || err === undefined ? undefined : String(err), present, rule);
}
