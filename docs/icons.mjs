// Draws ConvLab's app icons (www/icons/icon-192.png and icon-512.png, and www/favicon.ico with
// 16 and 32 px, for what a browser asks of /favicon.ico on its own: a page that names no icon,
// such as the manifest opened as a document): a handwritten 7 on a
// 14 × 14 grid of pixels, MNIST-style, white on the page's blue. Plain Node, no packages:
//   node docs/icons.mjs
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const BLUE = [0x2f, 0x6f, 0xdf];
const GRID = 14;
// The stroke of the 7, in units of the icon's side: top bar, then the long diagonal.
const STROKE = [[0.3, 0.3], [0.7, 0.29], [0.47, 0.74]];
const PEN = 0.075;

function distanceToSegment([px, py], [ax, ay], [bx, by]) {
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** How much ink covers grid cell (i, j): 0 to 1, averaged over 4 × 4 samples. */
function ink(i, j) {
  let sum = 0;
  for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) {
    const p = [(i + (a + 0.5) / 4) / GRID, (j + (b + 0.5) / 4) / GRID];
    const d = Math.min(distanceToSegment(p, STROKE[0], STROKE[1]), distanceToSegment(p, STROKE[1], STROKE[2]));
    sum += Math.max(0, Math.min(1, (PEN - d) / 0.04 + 0.5));
  }
  return sum / 16;
}

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function png(size) {
  const cells = Array.from({ length: GRID }, (_, j) => Array.from({ length: GRID }, (_, i) => ink(i, j)));
  const radius = size * 0.18;
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + 4 * size); // filter byte 0, then RGBA
    for (let x = 0; x < size; x++) {
      // Rounded corners: transparent outside the rounded square.
      const cx = Math.max(radius - x - 0.5, x + 0.5 - (size - radius), 0);
      const cy = Math.max(radius - y - 0.5, y + 0.5 - (size - radius), 0);
      const alpha = Math.max(0, Math.min(1, radius - Math.hypot(cx, cy) + 0.5));
      const v = cells[Math.floor((y / size) * GRID)][Math.floor((x / size) * GRID)];
      const rgb = BLUE.map((c) => Math.round(c + (255 - c) * v));
      row.set([...rgb, Math.round(alpha * 255)], 1 + 4 * x);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

for (const size of [192, 512]) {
  const path = new URL(`../www/icons/icon-${size}.png`, import.meta.url);
  writeFileSync(path, png(size));
  console.log(`wrote ${path.pathname}`);
}

/** An .ico file holding PNG images (every browser since 2010 reads them): its 6-byte header, a
 * 16-byte entry per image, then the images. */
function ico(sizes) {
  const images = sizes.map(png);
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // an icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach((image, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(sizes[i] % 256, entry); // width and height, 0 meaning 256
    header.writeUInt8(sizes[i] % 256, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(image.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += image.length;
  });
  return Buffer.concat([header, ...images]);
}

const favicon = new URL("../www/favicon.ico", import.meta.url);
writeFileSync(favicon, ico([16, 32]));
console.log(`wrote ${favicon.pathname}`);
