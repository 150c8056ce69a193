/**
 * The link_tags rows of the links API: read a page's tags in one query, replace a link's tags
 * inside its write transaction, and restrict a list to links carrying every given tag.
 */
import { LinkEntity, LinkTagEntity } from '@beacon/database';
import { In, type EntityManager, type SelectQueryBuilder } from 'typeorm';

/** Each link's tags, sorted; a link without tags is absent from the map. */
export async function tagsOf(
  manager: EntityManager,
  linkIds: string[],
): Promise<Map<string, string[]>> {
  const tags = new Map<string, string[]>();
  if (linkIds.length === 0) return tags;
  const rows = await manager.find(LinkTagEntity, {
    where: { linkId: In(linkIds) },
    order: { linkId: 'ASC', tag: 'ASC' },
  });
  for (const { linkId, tag } of rows) tags.set(linkId, [...(tags.get(linkId) ?? []), tag]);
  return tags;
}

/**
 * Inside a write transaction. The link's row is locked first: two concurrent replacements would
 * otherwise both take the gap lock of an empty delete and deadlock on their inserts.
 */
export async function replaceTags(
  manager: EntityManager,
  linkId: string,
  tags: string[],
): Promise<void> {
  await manager
    .createQueryBuilder(LinkEntity, 'link')
    .setLock('pessimistic_write')
    .where('link.id = :linkId', { linkId })
    .getOne();
  await manager.delete(LinkTagEntity, { linkId });
  await insertTags(manager, linkId, tags);
}

/** A new link's tags, in its creating transaction. */
export async function insertTags(
  manager: EntityManager,
  linkId: string,
  tags: string[],
): Promise<void> {
  if (tags.length === 0) return;
  await manager.insert(
    LinkTagEntity,
    tags.map((tag) => ({ linkId, tag })),
  );
}

/**
 * One inner join per tag: each matches at most one row (the primary key is (link_id, tag)), so
 * no link repeats and LIMIT/OFFSET page as before; the optimiser may start from the rarest tag
 * through (tag, link_id).
 */
export function carryingAll(
  select: SelectQueryBuilder<LinkEntity>,
  tags: string[],
): SelectQueryBuilder<LinkEntity> {
  tags.forEach((tag, index) => {
    const alias = `tag${index}`;
    select.innerJoin(
      LinkTagEntity,
      alias,
      `${alias}.linkId = link.id AND ${alias}.tag = :${alias}Name`,
      { [`${alias}Name`]: tag },
    );
  });
  return select;
}
