import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeUnknown, sniffReceiptType } from '../../../main/core/receipts/magic';

const bytes = (...b: number[]) => Uint8Array.from(b);
const text = (s: string) => new TextEncoder().encode(s);

test('receipt types are judged on their first bytes', () => {
  assert.equal(sniffReceiptType(text('%PDF-1.7\n%âãÏÓ')), 'pdf');
  assert.equal(sniffReceiptType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10)), 'jpeg');
  assert.equal(sniffReceiptType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0)), 'png');
  assert.equal(sniffReceiptType(bytes(0x49, 0x49, 0x2a, 0x00, 8, 0)), 'tiff');
  assert.equal(sniffReceiptType(bytes(0x4d, 0x4d, 0x00, 0x2a, 0, 8)), 'tiff');
});

test('what only looks like a receipt is not one', () => {
  assert.equal(sniffReceiptType(text('<!DOCTYPE html><html>expired</html>')), null);
  assert.equal(sniffReceiptType(text('%PD')), null, 'a truncated PDF header');
  assert.equal(sniffReceiptType(bytes(0x89, 0x50, 0x4e, 0x47)), null, 'half a PNG signature');
  assert.equal(sniffReceiptType(bytes(0xff, 0xd8)), null, 'a JPEG start of image without a marker');
  assert.equal(sniffReceiptType(bytes()), null);
  assert.equal(sniffReceiptType(text(' %PDF-1.4')), null, 'the header must start the file');
});

test('an unknown file is described in words for the note', () => {
  assert.equal(describeUnknown(text('<!doctype html><p>Access denied')), 'an HTML page');
  assert.equal(describeUnknown(text('{"error":"gone"}')), 'a JSON document');
  assert.equal(describeUnknown(bytes(0x50, 0x4b, 0x03, 0x04, 1)), 'a ZIP archive');
  assert.equal(describeUnknown(text('GIF89a')), 'a GIF image');
  assert.equal(describeUnknown(bytes(0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70)), 'a HEIC/MP4-family file');
  assert.equal(describeUnknown(bytes()), 'an empty file');
  assert.equal(describeUnknown(bytes(1, 2, 3, 4, 5)), 'bytes starting 01 02 03 04');
});
