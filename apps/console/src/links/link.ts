/** A link as the links API shows it (GET /api/links, POST, PATCH), and a page of them. */
export interface Link {
  slug: string;
  shortUrl: string;
  url: string;
  expiresAt: string | null;
  maxVisits: number | null;
  passwordProtected: boolean;
  tags: string[];
  createdAt: string;
}

export interface LinkPage {
  items: Link[];
  page: number;
  limit: number;
  total: number;
}

/** One of the caller's tags, as GET /api/tags counts it. */
export interface TagCount {
  name: string;
  links: number;
}
