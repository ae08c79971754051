// Draws the tray icons (16 px and 32 px "@2x") as PNG files next to this script: a disc in the state's colour
// with a white mark, anti-aliased. Run `node main/electron/tray-icons/generate.mjs` after changing a state.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

// state → disc colour and the mark drawn on it (signed-distance shapes in a unit square, centre 0.5,0.5)
const STATES = {
  ok: { rgb: [0x1f, 0x7a, 0x4d], mark: 'check' },
  syncing: { rgb: [0x1d, 0x5f, 0xbf], mark: 'ring' },
  held: { rgb: [0xc7, 0x7c, 0x02], mark: 'bar' },
  failed: { rgb: [0xc0, 0x1c, 0x28], mark: 'bang' },
  paused: { rgb: [0x6b, 0x72, 0x80], mark: 'pause' },
};

const box = (x, y, cx, cy, hw, hh) => Math.max(Math.abs(x - cx) - hw, Math.abs(y - cy) - hh);
const seg = (x, y, ax, ay, bx, by, r) => {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy) - r;
};
const MARKS = {
  check: (x, y) => Math.min(seg(x, y, 0.3, 0.52, 0.44, 0.66, 0.06), seg(x, y, 0.44, 0.66, 0.7, 0.36, 0.06)),
  ring: (x, y) => Math.abs(Math.hypot(x - 0.5, y - 0.5) - 0.2) - 0.06,
  bar: (x, y) => box(x, y, 0.5, 0.5, 0.22, 0.07),
  bang: (x, y) => Math.min(box(x, y, 0.5, 0.4, 0.065, 0.18), Math.hypot(x - 0.5, y - 0.72) - 0.075),
  pause: (x, y) => Math.min(box(x, y, 0.39, 0.5, 0.06, 0.2), box(x, y, 0.61, 0.5, 0.06, 0.2)),
};

const cover = (d, px) => Math.max(0, Math.min(1, 0.5 - d / px)); // signed distance → pixel coverage

function draw(size, { rgb, mark }) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let j = 0; j < size; j++) {
    raw[j * (size * 4 + 1)] = 0; // filter: none
    for (let i = 0; i < size; i++) {
      const x = (i + 0.5) / size, y = (j + 0.5) / size, px = 1 / size;
      const disc = cover(Math.hypot(x - 0.5, y - 0.5) - 0.47, px);
      const m = cover(MARKS[mark](x, y), px);
      const o = j * (size * 4 + 1) + 1 + i * 4;
      for (let c = 0; c < 3; c++) raw[o + c] = Math.round(rgb[c] * (1 - m) + 255 * m);
      raw[o + 3] = Math.round(255 * disc);
    }
  }
  return png(size, raw);
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, raw) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

for (const [name, spec] of Object.entries(STATES)) {
  writeFileSync(new URL(`tray-${name}.png`, import.meta.url), draw(16, spec));
  writeFileSync(new URL(`tray-${name}@2x.png`, import.meta.url), draw(32, spec));
}
