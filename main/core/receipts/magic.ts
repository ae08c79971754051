// What a receipt really is, judged on its first bytes (magic numbers), never on the declared content type:
// a server may call an HTML error page "image/jpeg", and an ERP refuses a file whose bytes say otherwise.
import type { ReceiptType } from '../../../shared/schemas/receipt';

const starts = (b: Uint8Array, sig: readonly number[], at = 0): boolean => b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

/** The type the bytes carry, or null when they are none of the receipt types we know. */
export function sniffReceiptType(bytes: Uint8Array): ReceiptType | null {
  // PDF 1.7 (ISO 32000-1 §7.5.2): the header "%PDF-" starts the file.
  if (starts(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  // JPEG: SOI marker FF D8 followed by another marker FF.
  if (starts(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  // PNG (RFC 2083 §3.1): the 8-byte signature.
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  // TIFF 6.0 §2: "II" 42 little-endian or "MM" 42 big-endian.
  if (starts(bytes, [0x49, 0x49, 0x2a, 0x00]) || starts(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  return null;
}

export const MIME_OF: Record<ReceiptType, string> = { pdf: 'application/pdf', jpeg: 'image/jpeg', png: 'image/png', tiff: 'image/tiff' };
export const EXTENSION_OF: Record<ReceiptType, string> = { pdf: 'pdf', jpeg: 'jpg', png: 'png', tiff: 'tif' };

/** A readable description of what the bytes start with, for a note ("an HTML page", "a ZIP archive"). */
export function describeUnknown(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'an empty file';
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 64)).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'an HTML page';
  if (head.startsWith('<?xml') || head.startsWith('<')) return 'an XML document';
  if (head.startsWith('{') || head.startsWith('[')) return 'a JSON document';
  if (starts(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'a ZIP archive';
  if (starts(bytes, [0x47, 0x49, 0x46, 0x38])) return 'a GIF image';
  if (starts(bytes, [0x66, 0x74, 0x79, 0x70], 4)) return 'a HEIC/MP4-family file';
  return `bytes starting ${Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ')}`;
}
