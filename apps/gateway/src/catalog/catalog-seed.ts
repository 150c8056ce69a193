/**
 * A deterministic demo catalog: the same `count` products on every run (a seeded generator, no
 * Math.random), with realistic words in names and descriptions so that search has something to
 * find, spread over a fixed set of categories and prices. Used by `npm run seed` and the tests.
 */

export interface SeedProduct {
  sku: string;
  name: string;
  description: string;
  category: string;
  price: string;
  stock: number;
}

export const SEED_CATEGORIES = [
  'kitchen',
  'garden',
  'tools',
  'office',
  'outdoor',
  'bathroom',
  'lighting',
  'toys',
] as const;

const ADJECTIVES = [
  'Classic',
  'Compact',
  'Rustic',
  'Modern',
  'Sturdy',
  'Deluxe',
  'Portable',
  'Vintage',
  'Handmade',
  'Quiet',
];
const MATERIALS = [
  'Copper',
  'Oak',
  'Steel',
  'Ceramic',
  'Bamboo',
  'Linen',
  'Glass',
  'Walnut',
  'Cotton',
  'Brass',
];
const NOUNS: Record<(typeof SEED_CATEGORIES)[number], string[]> = {
  kitchen: ['Kettle', 'Skillet', 'Teapot', 'Cutting Board', 'Colander', 'Knife Block'],
  garden: ['Watering Can', 'Trowel', 'Planter', 'Hose Reel', 'Pruner', 'Bird Feeder'],
  tools: ['Hammer', 'Screwdriver Set', 'Spirit Level', 'Tape Measure', 'Wrench', 'Toolbox'],
  office: ['Desk Lamp', 'Notebook', 'Pen Holder', 'Letter Tray', 'Stapler', 'Bookend'],
  outdoor: ['Lantern', 'Camping Mug', 'Hammock', 'Picnic Blanket', 'Cooler', 'Folding Chair'],
  bathroom: ['Towel Rack', 'Soap Dish', 'Bath Mat', 'Mirror', 'Toothbrush Cup', 'Shelf'],
  lighting: [
    'Pendant Light',
    'Floor Lamp',
    'Wall Sconce',
    'String Lights',
    'Candle Holder',
    'Bulb',
  ],
  toys: ['Puzzle', 'Kite', 'Building Blocks', 'Spinning Top', 'Yo-yo', 'Toy Train'],
};
const USES = [
  'everyday use',
  'small spaces',
  'long weekends',
  'busy mornings',
  'quiet evenings',
  'gifts',
];
const FEATURES = [
  'a hand-polished finish',
  'a lifetime warranty',
  'recycled packaging',
  'a soft grip',
  'a water-resistant coat',
  'a slim profile',
];

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function* seedProducts(count: number, seed = 42): Generator<SeedProduct> {
  const random = generator(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  for (let index = 1; index <= count; index++) {
    const category = pick(SEED_CATEGORIES);
    const noun = pick(NOUNS[category]);
    const material = pick(MATERIALS);
    yield {
      sku: `SEED-${String(index).padStart(6, '0')}`,
      name: `${pick(ADJECTIVES)} ${material} ${noun}`,
      description: `A ${material.toLowerCase()} ${noun.toLowerCase()} for ${pick(USES)}, with ${pick(FEATURES)}.`,
      category,
      price: (Math.floor(random() * 49_900) / 100 + 1).toFixed(2),
      stock: Math.floor(random() * 200),
    };
  }
}
