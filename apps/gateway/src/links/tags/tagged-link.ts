/** A link with its tags (sorted), as the links API answers it. */
import type { LinkEntity } from '@beacon/database';

export interface TaggedLink {
  link: LinkEntity;
  tags: string[];
}
