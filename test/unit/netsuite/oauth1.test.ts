import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { baseStringUri, oauthSignature, percentEncode, signatureBaseString, tbaAuthorization } from '../../../main/core/adapters/netsuite/oauth1';
import { netsuiteHost, netsuiteRealm, restBase } from '../../../main/core/adapters/netsuite/account';

test('percent-encoding follows RFC 3986 (unreserved kept, everything else %XX upper-case)', () => {
  assert.equal(percentEncode('a b+c/~!*\'()-._'), 'a%20b%2Bc%2F~%21%2A%27%28%29-._');
  assert.equal(percentEncode('é'), '%C3%A9');
  assert.equal(baseStringUri('HTTPS://Example.COM:443/a/b?x=1#f'), 'https://example.com/a/b');
  assert.equal(baseStringUri('http://127.0.0.1:8080/services/rest'), 'http://127.0.0.1:8080/services/rest');
});

test('the classic OAuth 1.0 photos example gives its published base string and HMAC-SHA1 signature', () => {
  const params: Array<[string, string]> = [
    ['oauth_consumer_key', 'dpf43f3p2l4k3l03'],
    ['oauth_token', 'nnch734d00sl2jdk'],
    ['oauth_signature_method', 'HMAC-SHA1'],
    ['oauth_timestamp', '1191242096'],
    ['oauth_nonce', 'kllo9940pd9333jh'],
    ['oauth_version', '1.0'],
  ];
  const base = signatureBaseString('GET', 'http://photos.example.net/photos?file=vacation.jpg&size=original', params);
  assert.equal(
    base,
    'GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal',
  );
  assert.equal(oauthSignature(base, 'kd94hf93k423kf44', 'pfkkdhi9sl3r4s00', 'sha1'), 'tR3+Ty81lMeYAr/Fid0kMTYa/WM=');
});

test('a NetSuite SuiteQL request: query parameters signed, realm kept out of the base string, HMAC-SHA256', () => {
  const url = 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/query/v1/suiteql?limit=2&offset=0';
  const header = tbaAuthorization({ method: 'post', url, realm: '1234567_SB1', consumerKey: 'ck', consumerSecret: 'c s&1', tokenId: 'tk', tokenSecret: 't/s', timestamp: 1700000000, nonce: 'abc123' });
  // Worked out by hand from RFC 5849 §3.4.1: parameters sorted after encoding, then the whole string encoded once more.
  const expectedBase =
    'POST&https%3A%2F%2F1234567-sb1.suitetalk.api.netsuite.com%2Fservices%2Frest%2Fquery%2Fv1%2Fsuiteql&limit%3D2%26oauth_consumer_key%3Dck%26oauth_nonce%3Dabc123%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000%26oauth_token%3Dtk%26oauth_version%3D1.0%26offset%3D0';
  const expectedSignature = createHmac('sha256', 'c%20s%261&t%2Fs').update(expectedBase).digest('base64');
  assert.equal(
    header,
    `OAuth realm="1234567_SB1", oauth_consumer_key="ck", oauth_token="tk", oauth_signature_method="HMAC-SHA256", oauth_timestamp="1700000000", oauth_nonce="abc123", oauth_version="1.0", oauth_signature="${percentEncode(expectedSignature)}"`,
  );
});

test('the account id drives the host (sandbox ids included) and the realm; an override wins', () => {
  assert.equal(netsuiteHost('1234567'), '1234567.suitetalk.api.netsuite.com');
  assert.equal(netsuiteHost('1234567_SB1'), '1234567-sb1.suitetalk.api.netsuite.com');
  assert.equal(netsuiteHost('TSTDRV123_RP2'), 'tstdrv123-rp2.suitetalk.api.netsuite.com');
  assert.equal(netsuiteRealm('1234567-sb1'), '1234567_SB1');
  assert.equal(restBase({ accountId: '1234567_SB1', restUrl: null }), 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest');
  assert.equal(restBase({ accountId: '1234567_SB1', restUrl: 'http://127.0.0.1:9/services/rest/' }), 'http://127.0.0.1:9/services/rest');
});
