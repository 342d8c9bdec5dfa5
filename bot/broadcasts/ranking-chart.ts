import { crc32, deflateSync } from "node:zlib";

/**
 * The Friday ranking as a small PNG bar chart (no native canvas: raw pixels, zlib, CRC), one bar per
 * village in rank order, labelled with its rank and percentage (a 5×7 pixel font; the village names
 * are in the message text, because drawing Vietnamese diacritics would need a real font).
 */
export interface RankingBar {
  percent: number;
}

const GLYPHS: Record<string, string[]> = {
  "0": ["01110", "10001", "10011", "10101", "11001", "10001", "01110"],
  "1": ["00100", "01100", "00100", "00100", "00100", "00100", "01110"],
  "2": ["01110", "10001", "00001", "00010", "00100", "01000", "11111"],
  "3": ["11110", "00001", "00001", "01110", "00001", "00001", "11110"],
  "4": ["00010", "00110", "01010", "10010", "11111", "00010", "00010"],
  "5": ["11111", "10000", "11110", "00001", "00001", "10001", "01110"],
  "6": ["00110", "01000", "10000", "11110", "10001", "10001", "01110"],
  "7": ["11111", "00001", "00010", "00100", "01000", "01000", "01000"],
  "8": ["01110", "10001", "10001", "01110", "10001", "10001", "01110"],
  "9": ["01110", "10001", "10001", "01111", "00001", "00010", "01100"],
  "%": ["11001", "11010", "00010", "00100", "01000", "01011", "10011"],
  ".": ["00000", "00000", "00000", "00000", "00000", "01100", "01100"],
};

type Rgb = [number, number, number];
const WHITE: Rgb = [255, 255, 255];
const INK: Rgb = [33, 37, 41];
const GOOD: Rgb = [46, 160, 67];
const BELOW: Rgb = [245, 159, 0];
const TARGET: Rgb = [220, 53, 69];
const GRID: Rgb = [222, 226, 230];

export function rankingChartPng(bars: readonly RankingBar[], targetPercent: number): Buffer {
  const scale = 3;
  const rowH = 40;
  const left = 90;
  const right = 150;
  const barMax = 560;
  const width = left + barMax + right;
  const height = 30 + rowH * Math.max(1, bars.length) + 20;
  const px = new Uint8Array(width * height * 3).fill(255);
  const set = (x: number, y: number, c: Rgb) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const i = (y * width + x) * 3;
    px[i] = c[0];
    px[i + 1] = c[1];
    px[i + 2] = c[2];
  };
  const rect = (x: number, y: number, w: number, h: number, c: Rgb) => {
    for (let yy = y; yy < y + h; yy++) for (let xx = x; xx < x + w; xx++) set(xx, yy, c);
  };
  const text = (s: string, x: number, y: number, c: Rgb) => {
    let cx = x;
    for (const ch of s) {
      const g = GLYPHS[ch];
      if (g) g.forEach((row, gy) => [...row].forEach((bit, gx) => bit === "1" && rect(cx + gx * scale, y + gy * scale, scale, scale, c)));
      cx += 6 * scale;
    }
  };
  rect(0, 0, width, height, WHITE);
  for (let p = 0; p <= 100; p += 20) rect(left + Math.round((p / 100) * barMax), 20, 1, rowH * bars.length + 10, GRID);
  bars.forEach((b, i) => {
    const y = 30 + i * rowH;
    const pct = Math.max(0, Math.min(100, b.percent));
    text(String(i + 1), 20, y + 6, INK);
    rect(left, y, Math.max(2, Math.round((pct / 100) * barMax)), rowH - 12, pct >= targetPercent ? GOOD : BELOW);
    text(`${pct.toFixed(0)}%`, left + Math.round((pct / 100) * barMax) + 10, y + 6, INK);
  });
  const tx = left + Math.round((targetPercent / 100) * barMax);
  for (let y = 15; y < height - 10; y += 8) rect(tx - 1, y, 3, 5, TARGET);
  return encodePng(width, height, px);
}

function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0; // filter: none
    Buffer.from(rgb.buffer, rgb.byteOffset + y * width * 3, width * 3).copy(raw, y * (width * 3 + 1) + 1);
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
