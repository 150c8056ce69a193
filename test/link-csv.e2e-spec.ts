import { parse } from 'csv-parse/sync';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type BearerHeader } from './support/accounts';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { request } from './support/http-client';
import { createLink } from './support/links';

describe('links CSV import and export', () => {
  let beacon: BeaconHarness;
  let owner: BearerHeader;
  beforeAll(async () => {
    // Its own process, so that its memory is the export's alone.
    beacon = await startBeacon({
      processes: {},
      env: { PUBLIC_BASE_URL: 'https://sho.rt' },
    });
    owner = await signUp(beacon.gatewayUrl);
  });
  afterAll(() => beacon?.stop());

  const importCsv = (csv: string, headers: BearerHeader = owner) =>
    request(`${beacon.gatewayUrl}/api/links/import`, {
      method: 'POST',
      body: csv,
      headers: { ...headers, 'content-type': 'text/csv' },
    });

  const download = async (path: string, headers: BearerHeader = owner) => {
    const response = await fetch(`${beacon.gatewayUrl}${path}`, { headers });
    return { response, text: await response.text() };
  };

  it('creates the good rows and reports each bad one, whatever comes after it', async () => {
    await createLink(beacon.gatewayUrl, owner, 'taken-before');
    const csv = [
      'url,slug,expiresAt,maxVisits,tags',
      'https://example.com/one,imp-one,2099-01-01T00:00:00Z,5,',
      'not a url,imp-bad-url,,,',
      'https://example.com/two,imp-bad-date,next tuesday,,',
      'https://example.com/three,taken-before,,,',
      '"https://example.com/four?a=1,2",imp-four,,,',
      'https://example.com/again,imp-one,,,',
      'https://example.com/five,,,,',
    ].join('\r\n');
    const answer = await importCsv(csv);
    expect(answer.status).toBe(200);
    expect(answer.body.created).toBe(3);
    expect(answer.body.failed).toBe(4);
    const [one, badUrl, badDate, taken, four, again, five] = answer.body.rows;
    expect(one).toEqual({ row: 2, status: 'created', slug: 'imp-one' });
    expect(badUrl).toMatchObject({ row: 3, status: 'error', fields: [{ field: 'url' }] });
    expect(badDate).toMatchObject({ row: 4, status: 'error', fields: [{ field: 'expiresAt' }] });
    expect(taken).toMatchObject({
      row: 5,
      status: 'error',
      message: 'Slug taken-before is already taken',
      fields: [{ field: 'slug', message: 'is already taken' }],
    });
    expect(four).toEqual({ row: 6, status: 'created', slug: 'imp-four' });
    expect(again).toMatchObject({
      row: 7,
      status: 'error',
      message: 'Slug imp-one is already taken',
    });
    expect(five).toMatchObject({ row: 8, status: 'created', slug: expect.any(String) });

    const listed = await request(`${beacon.gatewayUrl}/api/links?limit=100`, { headers: owner });
    expect(listed.body.items.map((link: { slug: string }) => link.slug).sort()).toEqual(
      ['imp-four', 'imp-one', five.slug, 'taken-before'].sort(),
    );
    expect(
      await beacon.sql('SELECT slug FROM links WHERE slug IN (?, ?, ?)', [
        'imp-bad-url',
        'imp-bad-date',
        'imp-again',
      ]),
    ).toEqual([]);
  });

  it('refuses a file without a url column before creating anything', async () => {
    const answer = await importCsv('slug,link\r\nno-url,https://example.com\r\n');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ created: 0, rows: [] });
    expect(answer.body.fields[0].message).toContain('a url column is required');
  });

  it('answers 415 to an import that is not text/csv', async () => {
    const answer = await request(`${beacon.gatewayUrl}/api/links/import`, {
      method: 'POST',
      json: { url: 'https://example.com' },
      headers: owner,
    });
    expect(answer.status).toBe(415);
  });

  it('imports 10,000 rows at most and answers 413 with the report of those it read', async () => {
    // Invalid rows (maxVisits 0) keep the test fast: the limit counts rows, not links.
    const rows = Array.from({ length: 10_001 }, (_, i) => `https://example.com/${i},,,0,`);
    const answer = await importCsv(['url,slug,expiresAt,maxVisits,tags', ...rows].join('\n'));
    expect(answer.status).toBe(413);
    expect(answer.body.message).toBe(
      'At most 10000 rows per import: row 10002 and those after it were not imported',
    );
    expect(answer.body).toMatchObject({ created: 0, failed: 10_000 });
    expect(answer.body.rows).toHaveLength(10_000);
    expect(answer.body.rows.at(-1)).toMatchObject({ row: 10_001, status: 'error' });
  });

  describe.each([
    ['with a content-length', false],
    ['chunked', true],
  ])('a body above 5 MB (%s)', (_, chunked) => {
    it('is cut at 5 MB, keeping the rows before it', async () => {
      const user = await signUp(beacon.gatewayUrl);
      const slug = chunked ? 'cut-chunked' : 'cut-sized';
      // About 1 KB a row: 5,200 rows pass 5 MB well before the 10,000-row limit.
      const csv =
        `url,slug,expiresAt,maxVisits\nhttps://example.com/first,${slug},,\n` +
        `https://example.com/${'p'.repeat(1000)},,,0\n`.repeat(5200);
      const answer = await request(`${beacon.gatewayUrl}/api/links/import`, {
        method: 'POST',
        body: chunked ? chunkedBody(csv) : csv,
        duplex: 'half',
        headers: { ...user, 'content-type': 'text/csv' },
      } as RequestInit);
      expect(answer.status).toBe(413);
      expect(answer.body.message).toBe(
        'Request body is larger than 5242880 bytes: the rows after this point were not imported',
      );
      expect(answer.body.rows[0]).toEqual({ row: 2, status: 'created', slug });
      expect(answer.body.created).toBe(1);
      expect(answer.body.rows.length).toBeLessThan(5200);
    });
  });

  it('exports what it imported, as CSV that opens in a spreadsheet', async () => {
    const user = await signUp(beacon.gatewayUrl);
    const imported = await importCsv(
      [
        'url,slug,expiresAt,maxVisits,tags',
        'https://example.com/a,round-a,2099-01-01T00:00:00.000Z,7,Work|b',
        '"https://example.com/b?x=1,2",-round-b,,,',
      ].join('\n'),
      user,
    );
    expect(imported.body.created).toBe(2);
    const { response, text } = await download('/api/links/export', user);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="links.csv"');
    const records = parse(text, { columns: true }) as Record<string, string>[];
    expect(records.map(({ createdAt: _, ...rest }) => rest)).toEqual([
      {
        slug: "'-round-b",
        url: 'https://example.com/b?x=1,2',
        shortUrl: 'https://sho.rt/-round-b',
        expiresAt: '',
        maxVisits: '',
        visits: '0',
        tags: '',
      },
      {
        slug: 'round-a',
        url: 'https://example.com/a',
        shortUrl: 'https://sho.rt/round-a',
        expiresAt: '2099-01-01T00:00:00.000Z',
        maxVisits: '7',
        visits: '0',
        tags: 'b|work',
      },
    ]);
    // The export imports as it is (its formula protection undone): both slugs are taken now.
    const again = await importCsv(text, user);
    expect(again.body.rows.map((row: { message: string }) => row.message)).toEqual([
      'Slug -round-b is already taken',
      'Slug round-a is already taken',
    ]);
  });

  describe('visits export', () => {
    let linkId: string;
    beforeAll(async () => {
      await createLink(beacon.gatewayUrl, owner, 'visited');
      [{ id: linkId }] = await beacon.sql<{ id: string }>('SELECT id FROM links WHERE slug = ?', [
        'visited',
      ]);
    });

    /** `count` visits on `day`, each with the longest values the columns take (~400 bytes). */
    const insertVisits = (day: string, count: number) =>
      beacon.sql(
        `INSERT INTO link_visits
           (event_id, link_id, visited_at, visited_day, referrer_host, browser, os, device,
            is_bot, visitor_hash)
         SELECT UUID(), ?, TIMESTAMP(?) + INTERVAL (seq MOD 86400) SECOND, ?,
                CONCAT(seq, REPEAT('r', 240)), REPEAT('b', 64), REPEAT('o', 64), REPEAT('d', 32),
                seq MOD 2, REPEAT('a', 64)
         FROM seq_1_to_${count}`,
        [linkId, day, day],
      );

    it('escapes formulas, commas and quotes in every cell and leaves out the visitor hash', async () => {
      await beacon.sql(
        `INSERT INTO link_visits (event_id, link_id, visited_at, visited_day, referrer_host,
           browser, os, device, is_bot, visitor_hash)
         VALUES (UUID(), ?, '2025-06-01 10:00:00', '2025-06-01', '=1+1', '+x', '-x', '@x', 1, ?),
                (UUID(), ?, '2025-06-01 11:00:00', '2025-06-01', 'a,"b"', 'B', 'O', 'D', 0, ?)`,
        [linkId, 'f'.repeat(64), linkId, 'f'.repeat(64)],
      );
      const { response, text } = await download(
        '/api/links/visited/visits/export?from=2025-06-01&to=2025-06-01',
      );
      expect(response.status).toBe(200);
      expect(text).toBe(
        'visitedAt,referrerHost,browser,os,device,bot,country,withheld\r\n' +
          "2025-06-01T10:00:00.000Z,'=1+1,'+x,'-x,'@x,true,,false\r\n" +
          '2025-06-01T11:00:00.000Z,"a,""b""",B,O,D,false,,false\r\n',
      );
    });

    it('answers 404 to anyone but the owner and 400 to a bad range', async () => {
      const stranger = await signUp(beacon.gatewayUrl);
      expect((await download('/api/links/visited/visits/export', stranger)).response.status).toBe(
        404,
      );
      const badRange = await download('/api/links/visited/visits/export?from=2025-02-30');
      expect(badRange.response.status).toBe(400);
    });

    it('streams 50,000 visits with flat memory', async () => {
      await insertVisits('2024-03-01', 50_000);
      const pid = beacon.pid('gateway');
      const memoryKb = (field: string) =>
        Number(
          new RegExp(`${field}:\\s+(\\d+) kB`).exec(
            readFileSync(`/proc/${pid}/status`, 'utf8'),
          )![1],
        );
      // Warm-up: the first export pays for compiling and pools, not for the rows it streams.
      await download('/api/links/visited/visits/export?from=2024-03-01&to=2024-03-01');
      // "5" resets the peak resident set (VmHWM) to the current one.
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
      const before = memoryKb('VmRSS');
      const { response, text } = await download(
        '/api/links/visited/visits/export?from=2024-03-01&to=2024-03-01',
      );
      const peakGrowthKb = memoryKb('VmHWM') - before;
      expect(response.status).toBe(200);
      expect(text.split('\r\n')).toHaveLength(50_002);
      const exportKb = Buffer.byteLength(text) / 1024;
      // Measured over runs: 0.3 to 8 MB streaming (garbage awaiting V8's collector), about
      // twice the export's size when the rows were read at once.
      expect(peakGrowthKb).toBeLessThan(exportKb / 2);
    });
  });
});

/** The text as a stream of 64 KB chunks: fetch sends it chunked, without a content-length. */
function chunkedBody(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, (offset += 64 * 1024)));
    },
  });
}
