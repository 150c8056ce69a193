import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { signUp, type BearerHeader } from './support/accounts';
import { request } from './support/http-client';

describe('link tags', () => {
  let beacon: BeaconHarness;
  let api: string;
  let owner: BearerHeader;
  let stranger: BearerHeader;
  beforeAll(async () => {
    beacon = await startBeacon();
    api = `${beacon.gatewayUrl}/api/links`;
    owner = await signUp(beacon.gatewayUrl);
    stranger = await signUp(beacon.gatewayUrl);
  });
  afterAll(() => beacon?.stop());

  const create = (who: BearerHeader, slug: string, tags: unknown) =>
    request(api, {
      method: 'POST',
      json: { url: `https://example.com/${slug}`, slug, tags },
      headers: who,
    });
  const slugsTagged = async (who: BearerHeader, query: string) => {
    const listed = await request(`${api}?${query}`, { headers: who });
    expect(listed.status).toBe(200);
    return listed.body.items.map((item: { slug: string }) => item.slug);
  };
  const tagCounts = async (who: BearerHeader) => {
    const listed = await request(`${beacon.gatewayUrl}/api/tags`, { headers: who });
    expect(listed.status).toBe(200);
    return listed.body;
  };

  it('creates a link with its tags lower-cased, deduplicated and sorted', async () => {
    const created = await create(owner, 'tagged-one', ['Work', 'q4', 'work']);
    expect(created.status).toBe(201);
    expect(created.body.tags).toEqual(['q4', 'work']);
    const read = await request(`${api}/tagged-one`, { headers: owner });
    expect(read.body.tags).toEqual(['q4', 'work']);
    const untagged = await create(owner, 'untagged', undefined);
    expect(untagged.body.tags).toEqual([]);
  });

  it('replaces the tags on PATCH, and leaves them alone when not given', async () => {
    expect((await create(owner, 'retagged', ['old', 'keep'])).status).toBe(201);
    const patch = (json: unknown) =>
      request(`${api}/retagged`, { method: 'PATCH', json, headers: owner });
    const replaced = await patch({ tags: ['keep', 'new'] });
    expect(replaced.status).toBe(200);
    expect(replaced.body.tags).toEqual(['keep', 'new']);
    const other = await patch({ maxVisits: 5 });
    expect(other.body).toMatchObject({ maxVisits: 5, tags: ['keep', 'new'] });
    expect((await patch({ tags: [] })).body.tags).toEqual([]);
    expect((await request(`${api}/retagged`, { headers: owner })).body.tags).toEqual([]);
  });

  it('filters by one tag and by several, all of which must match, with paging', async () => {
    await create(owner, 'f-red', ['red']);
    await create(owner, 'f-red-blue', ['red', 'blue']);
    await create(owner, 'f-blue', ['blue']);
    await create(owner, 'f-all', ['red', 'blue', 'green']);
    expect(await slugsTagged(owner, 'tag=red')).toEqual(['f-all', 'f-red-blue', 'f-red']);
    expect(await slugsTagged(owner, 'tag=red&tag=blue')).toEqual(['f-all', 'f-red-blue']);
    expect(await slugsTagged(owner, 'tag=BLUE&tag=red&tag=green')).toEqual(['f-all']);
    expect(await slugsTagged(owner, 'tag=red&tag=absent')).toEqual([]);
    const page = await request(`${api}?tag=red&limit=2&page=2`, { headers: owner });
    expect(page.body).toMatchObject({ page: 2, limit: 2, total: 3 });
    expect(page.body.items.map((item: { slug: string }) => item.slug)).toEqual(['f-red']);
    expect(page.body.items[0].tags).toEqual(['red']);
  });

  it('searches slugs and URLs with q, in any case, with the tag filter, wildcards literal, any text', async () => {
    const searcher = await signUp(beacon.gatewayUrl);
    const make = (slug: string, url: string, tags?: string[]) =>
      request(api, { method: 'POST', json: { url, slug, tags }, headers: searcher });
    await make('s-Report', 'https://example.com/q1', ['work']);
    await make('s-other', 'https://example.com/annual-REPORT', ['home']);
    await make('s-100pct', 'https://example.com/100%25_off');
    await make('s-none', 'https://example.com/nothing');
    expect(await slugsTagged(searcher, 'q=report')).toEqual(['s-other', 's-Report']);
    expect(await slugsTagged(searcher, 'q=report&tag=work')).toEqual(['s-Report']);
    expect(await slugsTagged(searcher, 'q=%2525_')).toEqual(['s-100pct']);
    expect(await slugsTagged(searcher, 'q=1_0'), '_ is no wildcard').toEqual([]);
    expect(await slugsTagged(searcher, 'q=0%25o'), '% is no wildcard').toEqual([]);
    expect(await slugsTagged(owner, 'q=report')).toEqual([]);
    expect(await slugsTagged(searcher, 'q=%F0%9F%98%80'), 'an emoji').toEqual([]);
    expect(await slugsTagged(searcher, 'q=caf%C3%A9')).toEqual([]);
    const empty = await request(`${api}?q=%20`, { headers: searcher });
    expect(empty.status).toBe(400);
    expect(empty.body.fields).toEqual([{ field: 'q', message: 'must not be empty' }]);
  });

  it("counts the caller's tags, and never shows another user's tags or links", async () => {
    const caller = await signUp(beacon.gatewayUrl);
    const other = await signUp(beacon.gatewayUrl);
    await create(caller, 'c-one', ['shared', 'mine']);
    await create(caller, 'c-two', ['shared']);
    await create(other, 'o-one', ['shared', 'secret']);
    expect(await tagCounts(caller)).toEqual([
      { name: 'mine', links: 1 },
      { name: 'shared', links: 2 },
    ]);
    expect(await tagCounts(other)).toEqual([
      { name: 'secret', links: 1 },
      { name: 'shared', links: 1 },
    ]);
    expect(await slugsTagged(caller, 'tag=shared')).toEqual(['c-two', 'c-one']);
    expect(await slugsTagged(caller, 'tag=secret')).toEqual([]);
    expect(await tagCounts(stranger)).toEqual([]);
  });

  it('drops a deleted link from the counts and the filters', async () => {
    const caller = await signUp(beacon.gatewayUrl);
    await create(caller, 'd-stays', ['fleeting', 'lasting']);
    await create(caller, 'd-goes', ['fleeting']);
    expect((await request(`${api}/d-goes`, { method: 'DELETE', headers: caller })).status).toBe(
      204,
    );
    expect(await tagCounts(caller)).toEqual([
      { name: 'fleeting', links: 1 },
      { name: 'lasting', links: 1 },
    ]);
    expect(await slugsTagged(caller, 'tag=fleeting')).toEqual(['d-stays']);
  });

  it('answers 400 naming the field for too many or malformed tags, and creates nothing', async () => {
    const eleven = Array.from({ length: 11 }, (_, index) => `t${index}`);
    const tooMany = await create(owner, 'too-many', eleven);
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body)).toContain('tags');
    const malformed = await create(owner, 'malformed', ['fine', 'not fine']);
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toContain('tags.1');
    expect((await create(owner, 'not-a-list', 'solo')).status).toBe(400);
    expect((await request(`${api}/too-many`, { headers: owner })).status).toBe(404);
    expect((await request(`${api}/malformed`, { headers: owner })).status).toBe(404);

    const patched = await request(`${api}/tagged-one`, {
      method: 'PATCH',
      json: { tags: ['-dash-first'] },
      headers: owner,
    });
    expect(patched.status).toBe(400);
    expect((await request(`${api}/tagged-one`, { headers: owner })).body.tags).toEqual([
      'q4',
      'work',
    ]);

    const filters = [
      'tag=',
      'tag=a%20b',
      'tag=%C3%A9t%C3%A9',
      eleven.map((t) => `tag=${t}`).join('&'),
    ];
    for (const filter of filters) {
      const listed = await request(`${api}?${filter}`, { headers: owner });
      expect(listed.status, filter).toBe(400);
      expect(JSON.stringify(listed.body), filter).toContain('tag');
    }
  });
});
