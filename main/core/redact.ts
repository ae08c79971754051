// Scrubs credentials out of any text before it can reach a log, an audit row or an error message.

const PATTERNS: Array<[RegExp, string]> = [
  [/(authorization\s*[:=]\s*)(basic|bearer)\s+[A-Za-z0-9._~+/=-]+/gi, '$1$2 [redacted]'],
  [/\b(basic|bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]'],
  [/((?:client_secret|password|refresh_token|access_token|partnerUserSecret|secret|token|assertion)["']?\s*[:=]\s*["']?)[^"'&\s,}<]+/gi, '$1[redacted]'],
  [/(<(?:password|sessionid|userpassword)>)[^<]*(<\/)/gi, '$1[redacted]$2'],
  [/\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*/g, '[redacted-jwt]'],
];

const known = new Set<string>();

/** Registers a secret value so it is masked wherever it appears, even in free text. */
export function registerSecret(value: string): void {
  if (value.length >= 4) known.add(value);
}

export function redact(text: string): string {
  let out = text;
  for (const [re, rep] of PATTERNS) out = out.replace(re, rep);
  for (const s of known) if (out.includes(s)) out = out.split(s).join('[redacted]');
  return out;
}
