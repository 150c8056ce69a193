/** What the link's page reads from the API: the link, its stats and its live visits. */

/** GET /api/links/:slug (the fields the page shows). */
export interface LinkDetails {
  slug: string;
  shortUrl: string;
  url: string;
  passwordProtected: boolean;
  expiresAt: string | null;
  maxVisits: number | null;
}

export interface RankedValue {
  name: string;
  visits: number;
}

/** GET /api/links/:slug/stats?from=&to= */
export interface LinkStats {
  from: string;
  to: string;
  totalVisits: number;
  uniqueVisitors: number;
  daily: { date: string; visits: number; uniqueVisitors: number }[];
  referrers: RankedValue[];
  browsers: RankedValue[];
  operatingSystems: RankedValue[];
  devices: RankedValue[];
  countries: RankedValue[];
  traffic: { human: number; bot: number };
  sources: { qr: number; direct: number };
  withheld: number;
}

/** The data of a `visit` event of GET /api/links/:slug/visits/live. */
export interface LiveVisit {
  visitId: string;
  visitedAt: string;
  referrerHost: string | null;
  browser: string | null;
  os: string | null;
  device: string | null;
  bot: boolean;
  source: 'qr' | 'direct' | null;
  country: string | null;
  withheld: boolean;
}
