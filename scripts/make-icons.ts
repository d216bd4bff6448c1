/**
 * Draws the API Lens icon (a lens over a bracket-coloured disc) at every size the Chrome Web
 * Store and Firefox ask for, as PNGs in public/icons. Run: `node scripts/make-icons.ts`.
 * Hand-rolled PNG encoding (zlib + CRC) keeps the build free of image tooling.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function draw(size: number): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const c = size / 2;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const dx = x + 0.5 - c * 0.85;
      const dy = y + 0.5 - c * 0.85;
      const r = Math.hypot(dx, dy) / size;
      // handle of the lens: a thick diagonal towards the bottom-right corner
      const along = (x + y) / (2 * size);
      const across = Math.abs(x - y) / size;
      let rgba: [number, number, number, number] = [0, 0, 0, 0];
      if (r < 0.3) rgba = [37, 99, 235, 255]; // lens glass
      if (r < 0.3 && r > 0.22) rgba = [15, 23, 42, 255]; // rim
      if (r >= 0.3 && along > 0.62 && along < 0.95 && across < 0.09) rgba = [15, 23, 42, 255];
      if (r < 0.14 && Math.abs(dx) < size * 0.12 && Math.abs(dy) < size * 0.025)
        rgba = [255, 255, 255, 255];
      raw.set(rgba, y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync('public/icons', { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(`public/icons/icon-${size}.png`, draw(size));
