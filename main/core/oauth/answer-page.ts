// The page the browser shows after the loopback redirect: plain, no scripts, nothing secret on it.
const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `error` null = signed in. */
export function answerPage(provider: string, error: string | null): string {
  const title = error ? `${provider} sign-in did not complete` : `Signed in to ${provider}`;
  const body = error ? `${escape(error)}` : 'ml-connector has stored the sign-in.';
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body style="font-family:system-ui,sans-serif;margin:3em"><h1>${escape(title)}</h1><p>${body}</p><p>You can close this window.</p></body></html>`;
}
