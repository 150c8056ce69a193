/** A link as GET /api/links lists it (the fields the console shows). */
export interface Link {
  slug: string;
  shortUrl: string;
  url: string;
  createdAt: string;
}

export interface LinkPage {
  items: Link[];
}
