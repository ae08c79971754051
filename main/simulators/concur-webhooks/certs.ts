// TEST-ONLY PEM fixtures for the webhook simulator (see README.md): a test root CA, good and bad client
// certificates, another CA, and a server certificate for 127.0.0.1/localhost. Read once, lazily.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface KeyPair { cert: string; key: string }

export interface TestCertificates {
  /** Root CA that signs `client`, `wrongCnClient` and `server`. */
  ca: string;
  /** Another root CA, signing `otherCaClient`. */
  otherCa: string;
  /** CN=webhook.api.concursolutions.com, signed by `ca`: what a real ESS connection looks like. */
  client: KeyPair;
  /** CN=not-the-webhook.example.com, signed by `ca`. */
  wrongCnClient: KeyPair;
  /** CN=webhook.api.concursolutions.com, signed by `otherCa`. */
  otherCaClient: KeyPair;
  /** Server certificate for IP 127.0.0.1 and DNS localhost, signed by `ca`. */
  server: KeyPair;
}

/** Common name of the client certificate ESS presents (shared/api/concur.md §3.2). */
export const ESS_CLIENT_CN = 'webhook.api.concursolutions.com';
export const TEST_CA_CN = 'ml-connector Test Webhook Root CA';

let cached: TestCertificates | null = null;

function read(name: string): string {
  return readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
}

function pair(name: string): KeyPair {
  return { cert: read(`${name}.pem`), key: read(`${name}.key`) };
}

export function testCertificates(): TestCertificates {
  cached ??= {
    ca: read('test-ca.pem'),
    otherCa: read('other-ca.pem'),
    client: pair('client'),
    wrongCnClient: pair('wrong-cn-client'),
    otherCaClient: pair('other-ca-client'),
    server: pair('server'),
  };
  return cached;
}
