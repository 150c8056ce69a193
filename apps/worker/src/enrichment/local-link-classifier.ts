/**
 * The deterministic fallback: a category from the link's host (well-known sites), else from
 * keywords in its host and path, else `other`; the summary names the host. Same input, same
 * answer, no network.
 */
import type { Classification, LinkCategory } from './classification';

const HOSTS: Record<string, LinkCategory> = {
  'youtube.com': 'video',
  'youtu.be': 'video',
  'vimeo.com': 'video',
  'twitch.tv': 'video',
  'github.com': 'technology',
  'gitlab.com': 'technology',
  'stackoverflow.com': 'technology',
  'npmjs.com': 'technology',
  'x.com': 'social',
  'twitter.com': 'social',
  'facebook.com': 'social',
  'instagram.com': 'social',
  'linkedin.com': 'social',
  'reddit.com': 'social',
  'tiktok.com': 'social',
  'amazon.com': 'shopping',
  'ebay.com': 'shopping',
  'etsy.com': 'shopping',
  'nytimes.com': 'news',
  'bbc.co.uk': 'news',
  'bbc.com': 'news',
  'cnn.com': 'news',
  'reuters.com': 'news',
  'theguardian.com': 'news',
  'wikipedia.org': 'education',
  'coursera.org': 'education',
  'khanacademy.org': 'education',
  'booking.com': 'travel',
  'airbnb.com': 'travel',
  'expedia.com': 'travel',
  'paypal.com': 'finance',
  'stripe.com': 'finance',
};

/** Checked in order: the first category with a keyword in the host or path wins. */
const KEYWORDS: [LinkCategory, RegExp][] = [
  ['news', /\b(news|article|press|blog)\b/],
  ['shopping', /\b(shop|store|cart|buy|product|deal)s?\b/],
  ['video', /\b(video|watch|stream|movie)s?\b/],
  ['education', /\b(learn|course|tutorial|docs|wiki|university|edu)s?\b/],
  ['finance', /\b(bank|invest|finance|crypto|loan|pay)s?\b/],
  ['travel', /\b(travel|flight|hotel|trip|booking)s?\b/],
  ['health', /\b(health|medical|doctor|clinic|fitness)s?\b/],
  ['technology', /\b(dev|code|api|software|tech|cloud)s?\b/],
  ['social', /\b(community|forum|profile|social)s?\b/],
];

export function classifyLinkLocally(targetUrl: string): Classification {
  const url = new URL(targetUrl);
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  return { category: categoryOf(host, url.pathname.toLowerCase()), summary: `A link to ${host}` };
}

function categoryOf(host: string, path: string): LinkCategory {
  const known = Object.entries(HOSTS).find(([site]) => host === site || host.endsWith(`.${site}`));
  if (known) return known[1];
  const words = `${host.replace(/\./g, ' ')} ${path.replace(/[/_.-]+/g, ' ')}`;
  return KEYWORDS.find(([, keyword]) => keyword.test(words))?.[0] ?? 'other';
}
