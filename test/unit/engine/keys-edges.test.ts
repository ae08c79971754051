// Keys at their edges (mutation testing, issue 19 item 10): the key's exact bits (checked against an
// independent base32 of SHA-256 written here with BigInt), fields that cannot run into each other, twins that
// are the document itself, and every field the content hash must see.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { adjustmentKey, contentHash, documentKey, keysFor, legacyKey, planKeys, tenantOf } from '../../../main/core/engine/keys';
import { doc, line } from '../../helpers/docs';

/** RFC 4648 base32 of the first 80 bits of SHA-256, via one BigInt: a second way to the same key. */
function expectedKey(material: string): string {
  const digest = createHash('sha256').update(material).digest();
  let n = BigInt(`0x${digest.subarray(0, 10).toString('hex')}`);
  let out = '';
  for (let i = 0; i < 16; i++) {
    out = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[Number(n & 31n)] + out;
    n >>= 5n;
  }
  return `MLC-${out}`;
}

test('the key is the first 80 bits of SHA-256 of its material in base32, for every kind of input', () => {
  for (const id of ['R1', '', 'ü€😀', 'x'.repeat(500)]) {
    assert.equal(documentKey('concur', 'company-a', 'expense_report', id), expectedKey(['v2', 'concur', 'company-a', 'expense_report', id].join('\u0000')), id);
    assert.equal(legacyKey('conn-1', 'concur', id), expectedKey(`conn-1\u0000concur\u0000${id}`), id);
  }
});

test('fields are kept apart: moving characters from one field to the next changes the key', () => {
  assert.notEqual(documentKey('concur', 'ab', 'c', 'R'), documentKey('concur', 'a', 'bc', 'R'));
  assert.notEqual(documentKey('concur', 't', 'kind', 'R'), documentKey('concur', 't', 'kin', 'dR'));
  assert.notEqual(legacyKey('c1', 'concur', 'R'), legacyKey('c', '1concur', 'R'));
  assert.notEqual(legacyKey('c', 'concur', 'R1'), legacyKey('c', 'concurR', '1'));
});

test('the tenant: the document\'s own, else the fallback, else empty — always in lower case', () => {
  assert.equal(tenantOf(doc({ tenant: 'ABC' }), 'x'), 'abc');
  assert.equal(tenantOf(doc(), 'XyZ'), 'xyz');
  assert.equal(tenantOf(doc(), null), '');
  assert.equal(keysFor(doc({ sourceId: 'R1' }), 'c', null).key, documentKey('concur', '', 'expense_report', 'R1'));
});

test('look-up keys: never the key itself, each once, the legacy key first', () => {
  const self = keysFor(doc({ sourceId: 'R1', aliases: ['R1', 'R2', 'R2'] }), 'c', 't');
  assert.deepEqual(self.lookupKeys, [legacyKey('c', 'concur', 'R1'), documentKey('concur', 't', 'expense_report', 'R2'), legacyKey('c', 'concur', 'R2')]);
  assert.equal(self.lookupKeys.includes(self.key), false);
  const p = planKeys(self.key, self);
  assert.deepEqual(p, { key: self.key, lookupKeys: self.lookupKeys });
  const legacySend = planKeys(self.legacy, self);
  assert.deepEqual(legacySend.lookupKeys, [self.key, ...self.lookupKeys.filter((k) => k !== self.legacy)]);
});

test('the content hash sees the employee, the vendor, the invoice number, line ids, expense dates and the amount\'s presence', () => {
  const base = contentHash(doc());
  const variants = {
    employee: doc({ employee: { id: 'other', name: 'Jane Doe', email: null } }),
    noEmployee: doc({ employee: null }),
    vendorCode: doc({ vendor: { code: 'V1', name: 'Acme' } }),
    invoiceNumber: doc({ invoiceNumber: 'INV-1' }),
    lineId: doc({ lines: [line({ lineId: 'L2' })] }),
    transactionDate: doc({ lines: [line({ transactionDate: '2026-10-03' })] }),
    noAmount: doc({ lines: [line({ amount: null })] }),
    extraLine: doc({ lines: [line(), line({ lineId: 'L2' })] }),
  };
  for (const [what, d] of Object.entries(variants)) assert.notEqual(contentHash(d), base, `${what} change unnoticed`);
  const byName = (name: string) => contentHash(doc({ vendor: { code: null, name } }));
  assert.notEqual(byName('Acme'), byName('Other'), 'a vendor without a code is known by its name');
  assert.notEqual(byName('Acme'), contentHash(doc({ vendor: null })));
  assert.equal(contentHash(doc({ title: 'Renamed' })), base, 'the title is not what is posted from');
  assert.match(base, /^[0-9a-f]{64}$/);
});

// Golden values computed outside this code base (Python: base64.b32encode(sha256(material)[:10]), RFC 4648), so a
// change to the base32 packing or to the key material cannot pass by changing both sides of a comparison.
test('keys match an independent RFC 4648 base32 of SHA-256: document, first-rule and adjustment keys', () => {
  const tenant = 'C0FFEE00-AAAA-BBBB-CCCC-000000000001'; // capitals: the key uses the tenant in lower case
  const d = doc({ sourceId: 'E9A1B2C3D4', tenant });
  assert.equal(documentKey('concur', tenant.toLowerCase(), 'expense_report', 'E9A1B2C3D4'), 'MLC-BBPL6FBXHSSGWM2P');
  assert.equal(keysFor(d, 'conn-1', null).key, 'MLC-BBPL6FBXHSSGWM2P');
  assert.equal(legacyKey('conn-1', 'concur', 'E9A1B2C3D4'), 'MLC-XAQEEVKXZ6ACYAGM');
  const before = '0123456789abcdef'.repeat(4);
  const after = 'fedcba9876543210'.repeat(4);
  assert.equal(adjustmentKey(d, null, before, after, 'reversal'), 'MLC-ALI4BRXJOWAKGBJN');
  // Only the first 16 hex of each hash take part: hashes that differ after them give the same adjustment.
  assert.equal(adjustmentKey(d, null, `${before.slice(0, 16)}${'0'.repeat(48)}`, `${after.slice(0, 16)}${'f'.repeat(48)}`, 'reversal'), 'MLC-ALI4BRXJOWAKGBJN');
  assert.notEqual(adjustmentKey(d, null, after, before, 'reversal'), 'MLC-ALI4BRXJOWAKGBJN', 'from and to are not interchangeable');
});
