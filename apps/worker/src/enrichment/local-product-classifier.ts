/**
 * The deterministic fallback for products: the shop's own category when it is one of the fixed
 * set, else the first category with a keyword in the name, the shop category or the
 * description, else `other`; the summary is the name. Same input, same answer, no network.
 */
import type { Classification, ProductCategory } from './classification';
import { PRODUCT_CATEGORIES } from './classification';

/** Checked in order: the first category with a keyword in the text wins. */
const KEYWORDS: [ProductCategory, RegExp][] = [
  [
    'kitchen',
    /\b(kettle|skillet|teapot|pan|pot|knife|knives|colander|cutting board|cook\w*|mug)s?\b/,
  ],
  ['lighting', /\b(lamp|light|lantern|bulb|pendant|sconce)s?\b/],
  ['garden', /\b(garden\w*|planter|trowel|hose|pruner|watering can|seed|bird feeder)s?\b/],
  ['tools', /\b(hammer|screwdriver|wrench|drill|saw|spirit level|tape measure|toolbox|tool)s?\b/],
  ['office', /\b(desk|notebook|pen|stapler|letter tray|bookend|office|paper)s?\b/],
  ['outdoor', /\b(camping|hammock|picnic|cooler|tent|hiking|outdoor|folding chair)s?\b/],
  ['electronics', /\b(phone|laptop|headphone|charger|cable|speaker|camera|usb|electronic)s?\b/],
  ['fashion', /\b(shirt|dress|shoe|jacket|scarf|hat|bag|jeans|sock)s?\b/],
  ['toys', /\b(toy|puzzle|doll|game|lego|kite|plush)s?\b/],
  ['home', /\b(towel|soap|bath|mirror|shelf|shelves|rug|curtain|pillow|blanket|vase)s?\b/],
];

const SUMMARY_LENGTH = 140;

export function classifyProductLocally(product: {
  name: string;
  description: string;
  category: string;
}): Classification {
  return { category: categoryOf(product), summary: product.name.slice(0, SUMMARY_LENGTH) };
}

function categoryOf({ name, description, category }: Parameters<typeof classifyProductLocally>[0]) {
  const own = category.toLowerCase();
  if ((PRODUCT_CATEGORIES as readonly string[]).includes(own)) return own as ProductCategory;
  const text = `${name} ${category} ${description}`.toLowerCase();
  return KEYWORDS.find(([, keyword]) => keyword.test(text))?.[0] ?? 'other';
}
