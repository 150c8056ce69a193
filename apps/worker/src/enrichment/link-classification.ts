/** The fixed set of categories a link is classified into, and what a classification holds. */
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

export type LinkCategory = (typeof LINK_CATEGORIES)[number];

export const MAX_SUMMARY_LENGTH = 255;

/** What the provider must answer (the content of its message, as JSON). */
export const classificationSchema = z.object({
  category: z.enum(LINK_CATEGORIES),
  summary: z.string().trim().min(1).max(MAX_SUMMARY_LENGTH),
});

export type Classification = z.infer<typeof classificationSchema>;
