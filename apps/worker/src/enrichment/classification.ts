/**
 * What enrichment classifies (a link, or a product), the fixed set of categories of each, and
 * what a classification holds.
 */
import { z } from 'zod';

export const LINK_CATEGORIES = [
  'news',
  'shopping',
  'technology',
  'social',
  'video',
  'education',
  'finance',
  'travel',
  'health',
  'other',
] as const;

export const PRODUCT_CATEGORIES = [
  'kitchen',
  'home',
  'garden',
  'tools',
  'office',
  'outdoor',
  'lighting',
  'electronics',
  'fashion',
  'toys',
  'other',
] as const;

export type LinkCategory = (typeof LINK_CATEGORIES)[number];
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

export type ClassificationSubject =
  | { kind: 'link'; targetUrl: string }
  | { kind: 'product'; name: string; description: string; category: string };

export const CATEGORIES_OF: Record<ClassificationSubject['kind'], readonly string[]> = {
  link: LINK_CATEGORIES,
  product: PRODUCT_CATEGORIES,
};

export const MAX_SUMMARY_LENGTH = 255;

export interface Classification {
  category: string;
  summary: string;
}

/** What the provider must answer about a subject of this kind (its message's content, as JSON). */
export function classificationSchema(kind: ClassificationSubject['kind']) {
  return z.object({
    category: z.enum(CATEGORIES_OF[kind] as [string, ...string[]]),
    summary: z.string().trim().min(1).max(MAX_SUMMARY_LENGTH),
  });
}
