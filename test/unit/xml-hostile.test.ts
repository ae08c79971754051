// Hardening item 4: an answer that declares entities (external or expanding) is a REMOTE_PROTOCOL error
// with a plain message, never a parser exception that surfaces as "Unexpected error".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml } from '../../main/core/adapters/xml';
import { isConnectorError } from '../../main/core/errors';

test('DTDs and entities in an answer are refused as REMOTE_PROTOCOL', () => {
  const hostile = [
    '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
    '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
    '<!DOCTYPE a [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><a>&b;</a>',
  ];
  for (const xml of hostile) {
    assert.throws(() => parseXml(xml, { system: 'Sage X3', what: 'SOAP response' }), (e) => isConnectorError(e) && e.code === 'REMOTE_PROTOCOL' && /document type declaration/.test(e.message));
  }
  assert.deepEqual(parseXml('<a b="1">x &amp; &#233;</a>', { system: 'Sage X3' }), { a: { '@_b': '1', '#text': 'x & é' } });
});
