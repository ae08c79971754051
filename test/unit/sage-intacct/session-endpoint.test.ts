// Where an API session may be used: https on Intacct's hosts, the configured gateway's own origin, or
// anything http(s) on a connection marked as a test endpoint; everything else is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionEndpoint } from '../../../main/core/adapters/sage-intacct/session';

const real = { endpointUrl: 'https://api.intacct.com/ia/xml/xmlgw.phtml', testEndpoint: false };

test('https endpoints on intacct.com hosts are followed; an empty answer keeps the configured gateway', () => {
  assert.equal(sessionEndpoint('https://api-eu.intacct.com/ia/xml/xmlgw.phtml', real), 'https://api-eu.intacct.com/ia/xml/xmlgw.phtml');
  assert.equal(sessionEndpoint('', real), real.endpointUrl);
});

test('plain http, other hosts and look-alike hosts are refused for a real company', () => {
  for (const bad of ['http://api.intacct.com/ia/xml/xmlgw.phtml', 'https://intacct.com.evil.example/x', 'https://evilintacct.com/x', 'ftp://api.intacct.com/x', 'not a url']) {
    assert.throws(() => sessionEndpoint(bad, real), /refused/, bad);
  }
});

test('a test endpoint may be followed anywhere over http(s); the configured origin always', () => {
  assert.equal(sessionEndpoint('http://127.0.0.1:9/x', { endpointUrl: 'http://127.0.0.1:5/y', testEndpoint: true }), 'http://127.0.0.1:9/x');
  assert.equal(sessionEndpoint('http://127.0.0.1:5/session', { endpointUrl: 'http://127.0.0.1:5/y', testEndpoint: false }), 'http://127.0.0.1:5/session');
  assert.throws(() => sessionEndpoint('file:///etc/passwd', { endpointUrl: 'http://127.0.0.1:5/y', testEndpoint: true }), /refused/);
});
