// The traffic shapes of `npm run bench:pipeline`: which links the visits go to, who makes them,
// and what the database already holds. The visits vary in agent and referrer like real ones, so
// every rollup dimension has a few values.
import { createHash } from 'node:crypto';
import type { Connection } from 'mysql2/promise';

export interface Shape {
  name: string;
  description: string;
  /** Links the visits spread over. */
  links: number;
  /** Distinct visitors they come from; 0: every visit a visitor never seen before. */
  visitors: number;
  /** Raw visits stored on earlier days before the shape's rounds. */
  storedVisits: number;
}

export const SHAPES: Shape[] = [
  {
    name: 'spread',
    description: '1,000 links, every visitor new',
    links: 1_000,
    visitors: 0,
    storedVisits: 0,
  },
  {
    name: 'viral',
    description: 'one link, 2,000 visitors coming back',
    links: 1,
    visitors: 2_000,
    storedVisits: 0,
  },
  {
    name: 'million',
    description: 'spread, on a raw table of 1,000,000 earlier visits',
    links: 1_000,
    visitors: 0,
    storedVisits: 1_000_000,
  },
];

const AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
];
const REFERRERS = [null, 'https://news.example.org/', 'https://social.example.com/post/1'];

/** `count` visits of the shape; `offset` keeps new visitors new from one round to the next. */
export function visitsOf(shape: Shape, linkIds: string[], count: number, offset: number) {
  const visitedAt = new Date().toISOString();
  return Array.from({ length: count }, (_, index) => {
    const visitor = shape.visitors > 0 ? index % shape.visitors : offset + index;
    return {
      linkId: linkIds[index % linkIds.length],
      slug: `pipeline-${index % linkIds.length}`,
      visitedAt,
      referrer: REFERRERS[index % REFERRERS.length],
      userAgent: AGENTS[index % AGENTS.length],
      ipHash: createHash('sha256').update(`visitor ${visitor}`).digest('hex'),
      source: index % 10 === 0 ? ('qr' as const) : ('direct' as const),
    };
  });
}

/** Creates the shape's links; resolves to their ids. */
export async function insertLinks(sql: Connection, shape: Shape): Promise<string[]> {
  const rows = Array.from({ length: shape.links }, (_, index) => [
    `${shape.name}-${index}`,
    `https://example.com/${shape.name}/${index}`,
  ]);
  await sql.query('INSERT INTO links (slug, target_url) VALUES ?', [rows]);
  const [links] = await sql.query('SELECT id FROM links WHERE slug LIKE ? ORDER BY id', [
    `${shape.name}-%`,
  ]);
  return (links as { id: string | number }[]).map((link) => String(link.id));
}

/**
 * Fills `table` (a copy of link_visits) with the shape's earlier visits on its links, one to 30
 * days back, generated in SQL (a cross join of digits, so it runs on MySQL and MariaDB alike),
 * and `visitors` with their visitors.
 */
export async function storeEarlierVisits(
  sql: Connection,
  shape: Shape,
  firstLinkId: string,
  tables: { visits: string; visitors: string | undefined },
): Promise<void> {
  const digits =
    'SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9';
  const places = ['a', 'b', 'c', 'd', 'e', 'f'];
  const number = places.map((place, index) => `${place}.d * ${10 ** index}`).join(' + ');
  await sql.query(
    `INSERT INTO ${tables.visits} (event_id, link_id, visited_at, visited_day, referrer_host,
       browser, os, device, is_bot, visitor_hash)
     SELECT UUID(), ? + n % ?, visited_at, DATE(visited_at), NULL, 'Firefox', 'Linux', 'desktop', 0,
       SHA2(n, 256)
     FROM (SELECT ${number} AS n, UTC_TIMESTAMP(3) - INTERVAL 1 + (${number}) % 30 DAY AS visited_at
           FROM ${places.map((place) => `(${digits}) ${place}`).join(', ')}) numbers
     WHERE n < ?`,
    [Number(firstLinkId), shape.links, shape.storedVisits],
  );
  if (!tables.visitors) return;
  await sql.query(
    `INSERT IGNORE INTO ${tables.visitors} (link_id, day, visitor_hash, batch_id)
     SELECT link_id, visited_day, visitor_hash, 0 FROM ${tables.visits}`,
  );
}
