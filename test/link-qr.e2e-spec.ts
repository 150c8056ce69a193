import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type BearerHeader } from './support/accounts';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { request } from './support/http-client';
import { createLink } from './support/links';

/** Pixels a module when the SVG's path is drawn for jsQR. */
const RASTER_SCALE = 4;

describe('QR codes of links, and their scans counted apart', () => {
  let beacon: BeaconHarness;
  let owner: BearerHeader;
  beforeAll(async () => {
    beacon = await startBeacon({ worker: true });
    owner = await signUp(beacon.gatewayUrl);
    await createLink(beacon.gatewayUrl, owner, 'printed');
  });
  afterAll(() => beacon?.stop());

  const shortUrlOf = (slug: string) => `${beacon.config.http.publicBaseUrl}/${slug}`;
  const qrCode = (slug: string, query = '', headers: BearerHeader = owner) =>
    fetch(`${beacon.gatewayUrl}/api/links/${slug}/qr${query}`, { headers });

  it('draws a PNG of the size asked for that decodes to the short URL with qr=1', async () => {
    const response = await qrCode('printed', '?format=png&size=300&margin=2');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toMatch(/^private\b/);
    const png = PNG.sync.read(Buffer.from(await response.arrayBuffer()));
    expect([png.width, png.height]).toEqual([300, 300]);
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(`${shortUrlOf('printed')}?qr=1`);
  });

  it('draws an SVG (the default) whose modules decode to the short URL with qr=1', async () => {
    const response = await qrCode('printed');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml\b/);
    expect(response.headers.get('cache-control')).toMatch(/^private\b/);
    const svg = await response.text();
    const text = `${shortUrlOf('printed')}?qr=1`;
    const { modules, margin } = svgModules(svg);
    expect(margin).toBe(4);
    const expected = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
    expect(modules.length).toBe(expected.size);
    expect(modules.flat().map(Number)).toEqual([...expected.data]);
    expect(decodeModules(modules)).toBe(text);
  });

  it.each([
    ['?size=63', 'size'],
    ['?size=1025', 'size'],
    ['?size=big', 'size'],
    ['?margin=17', 'margin'],
    ['?margin=-1', 'margin'],
    ['?format=gif', 'format'],
    ['?format=svg&format=png', 'format'],
  ])('answers %s with 400 naming %s', async (query, field) => {
    const response = await request(`${beacon.gatewayUrl}/api/links/printed/qr${query}`, {
      headers: owner,
    });
    expect(response.status).toBe(400);
    expect(response.body.fields.map((f: { field: string }) => f.field)).toEqual([field]);
  });

  it('answers 400 for a size that leaves a module less than a pixel', async () => {
    const slug = 'a-long-slug-whose-code-needs-more-modules-than-a-short-one-does';
    await createLink(beacon.gatewayUrl, owner, slug);
    const code = QRCode.create(`${shortUrlOf(slug)}?qr=1`, { errorCorrectionLevel: 'M' });
    const needed = code.modules.size + 2 * 16;
    expect(needed).toBeGreaterThan(64);
    const response = await request(
      `${beacon.gatewayUrl}/api/links/${slug}/qr?format=png&size=64&margin=16`,
      { headers: owner },
    );
    expect(response.status).toBe(400);
    expect(response.body.fields).toEqual([
      { field: 'size', message: `must be at least ${needed} for this link's code with margin 16` },
    ]);
  });

  it("answers 404 for another user's link and for an unknown one, and serves admins", async () => {
    const stranger = await signUp(beacon.gatewayUrl);
    const refused = await request(`${beacon.gatewayUrl}/api/links/printed/qr`, {
      headers: stranger,
    });
    expect(refused.status).toBe(404);
    expect(refused.body.message).toBe('No link with slug printed');
    expect((await qrCode('never-created')).status).toBe(404);

    const adminEmail = `admin-${Date.now()}@example.com`;
    const admin = await signUp(beacon.gatewayUrl, adminEmail);
    await beacon.sql("UPDATE users SET role = 'admin' WHERE email = ?", [adminEmail]);
    expect((await qrCode('printed', '', admin)).status).toBe(200);
  });

  it('counts visits through the code as scans, apart from the others', async () => {
    await createLink(beacon.gatewayUrl, owner, 'flyer');
    const png = PNG.sync.read(
      Buffer.from(await (await qrCode('flyer', '?format=png')).arrayBuffer()),
    );
    const scanned = new URL(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)!.data);
    const follow = async (pathAndQuery: string) => {
      const response = await fetch(`${beacon.gatewayUrl}${pathAndQuery}`, { redirect: 'manual' });
      expect(response.status).toBe(302);
      // The flag counts the visit and goes no further: the target is the link's own URL.
      expect(response.headers.get('location')).toBe('https://example.com/flyer');
    };
    await follow(scanned.pathname + scanned.search);
    await follow(scanned.pathname + scanned.search);
    await follow(scanned.pathname);

    const stats = await eventually(async () => {
      const response = await request(`${beacon.gatewayUrl}/api/links/flyer/stats`, {
        headers: owner,
      });
      expect(response.body.totalVisits).toBe(3);
      return response.body;
    });
    expect(stats.sources).toEqual({ qr: 2, direct: 1 });
    const stored = await beacon.sql<{ source: string; visits: number }>(
      `SELECT v.source, COUNT(*) AS visits FROM link_visits v JOIN links l ON l.id = v.link_id
       WHERE l.slug = 'flyer' GROUP BY v.source ORDER BY v.source`,
    );
    expect(stored.map((row) => [row.source, Number(row.visits)])).toEqual([
      ['direct', 1],
      ['qr', 2],
    ]);
  });

  it('counts a scan of a protected link once its password unlocks it', async () => {
    const created = await request(`${beacon.gatewayUrl}/api/links`, {
      method: 'POST',
      json: { url: 'https://example.com/locked', slug: 'locked', password: 'open sesame' },
      headers: owner,
    });
    expect(created.status).toBe(201);
    const form = await fetch(`${beacon.gatewayUrl}/locked?qr=1`);
    expect(await form.text()).toContain('action="/locked?qr=1"');
    const unlocked = await fetch(`${beacon.gatewayUrl}/locked?qr=1`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `password=${encodeURIComponent('open sesame')}`,
    });
    expect(unlocked.status).toBe(302);
    expect(unlocked.headers.get('location')).toBe('https://example.com/locked');
    await eventually(async () => {
      const stats = await request(`${beacon.gatewayUrl}/api/links/locked/stats`, {
        headers: owner,
      });
      expect(stats.body.sources).toEqual({ qr: 1, direct: 0 });
    });
  });

  it('answers a link without visits with no scans', async () => {
    const response = await request(`${beacon.gatewayUrl}/api/links/printed/stats`, {
      headers: owner,
    });
    expect(response.body.sources).toEqual({ qr: 0, direct: 0 });
  });
});

/**
 * The module matrix the SVG draws, read back from its markup: qrcode draws the dark modules as
 * one path of horizontal runs (`M x y.5` starts a row, `m dx 0` skips light modules, `h n`
 * draws n dark ones), inside a square viewBox of the modules plus the margin on each side.
 */
function svgModules(svg: string): { modules: boolean[][]; margin: number } {
  const root =
    /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" [^>]*viewBox="0 0 (\d+) \1"[^>]*>/.exec(svg);
  expect(root, 'an <svg> root with a square viewBox').not.toBeNull();
  expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  const side = Number(root![1]);
  const path = /<path stroke="#000000" d="([^"]*)"\/>/.exec(svg);
  expect(path, 'a path of the dark modules').not.toBeNull();
  const dark = Array.from({ length: side }, () => new Array<boolean>(side).fill(false));
  let x = 0;
  let y = 0;
  for (const [, command, args] of path![1].matchAll(/([Mmh])([^Mmh]*)/g)) {
    const numbers = args.trim().split(/\s+/).map(Number);
    if (command === 'M') [x, y] = numbers;
    if (command === 'm') [x, y] = [x + numbers[0], y + numbers[1]];
    if (command === 'h') {
      for (let i = 0; i < numbers[0]; i++) dark[Math.floor(y)][x + i] = true;
      x += numbers[0];
    }
  }
  const firstDark = dark.findIndex((row) => row.includes(true));
  const size = side - 2 * firstDark;
  const modules = dark
    .slice(firstDark, firstDark + size)
    .map((row) => row.slice(firstDark, firstDark + size));
  return { modules, margin: firstDark };
}

/** Draws the matrix with a quiet zone, as pixels, and reads it with jsQR. */
function decodeModules(modules: boolean[][]): string | undefined {
  const quiet = 4;
  const side = (modules.length + 2 * quiet) * RASTER_SCALE;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  modules.forEach((row, my) =>
    row.forEach((isDark, mx) => {
      if (!isDark) return;
      for (let py = 0; py < RASTER_SCALE; py++) {
        for (let px = 0; px < RASTER_SCALE; px++) {
          const at =
            (((my + quiet) * RASTER_SCALE + py) * side + (mx + quiet) * RASTER_SCALE + px) * 4;
          pixels.fill(0, at, at + 3);
        }
      }
    }),
  );
  return jsQR(pixels, side, side)?.data;
}
