// Draws the app icon (a key on a blue tile) and writes build/icon.png (256x256) and build/icon.ico (PNG-in-ICO, as
// Windows Vista+ reads it). Run once after changing the drawing: npx tsx scripts/make-icon.ts
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 256;
const pixels = Buffer.alloc(SIZE * SIZE * 4);

function inKey(x: number, y: number): boolean {
  const ring = Math.hypot(x - 92, y - 128);
  if (ring <= 46 && ring >= 22) return true; // the bow
  if (x >= 130 && x <= 210 && y >= 118 && y <= 138) return true; // the shaft
  if (x >= 176 && x <= 190 && y >= 138 && y <= 166) return true; // a bit
  if (x >= 198 && x <= 210 && y >= 138 && y <= 158) return true; // another bit
  return false;
}

for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    const i = (y * SIZE + x) * 4;
    const r = 40; // corner radius
    const cx = Math.min(Math.max(x, r), SIZE - 1 - r);
    const cy = Math.min(Math.max(y, r), SIZE - 1 - r);
    const inside = Math.hypot(x - cx, y - cy) <= r;
    const key = inKey(x, y);
    pixels[i] = key ? 255 : 0;
    pixels[i + 1] = key ? 255 : 95;
    pixels[i + 2] = key ? 255 : 184;
    pixels[i + 3] = inside ? 255 : 0;
  }
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) pixels.copy(rows, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(rows)),
  chunk('IEND', Buffer.alloc(0)),
]);

const ico = Buffer.alloc(22);
ico.writeUInt16LE(0, 0); // reserved
ico.writeUInt16LE(1, 2); // type: icon
ico.writeUInt16LE(1, 4); // one image
ico[6] = 0; // 256 wide
ico[7] = 0; // 256 high
ico.writeUInt16LE(1, 10); // planes
ico.writeUInt16LE(32, 12); // bits per pixel
ico.writeUInt32LE(png.length, 14);
ico.writeUInt32LE(22, 18);
writeFileSync('build/icon.png', png);
writeFileSync('build/icon.ico', Buffer.concat([ico, png]));
console.log(`wrote build/icon.png and build/icon.ico (${png.length} bytes)`);
