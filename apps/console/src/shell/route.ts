/**
 * The console's pages live in the URL's fragment (`/#/links/abc`): every path of the gateway's
 * own is a possible short link (`/:slug`), so the console claims no paths beyond `/` and
 * `/assets/`, and a reload or a shared address still opens the same page.
 */
import { useEffect, useState } from 'preact/hooks';

export type Route =
  { page: 'links' } | { page: 'link'; slug: string } | { page: 'keys' } | { page: 'products' };

export function parseRoute(hash: string): Route {
  const [first, second] = hash.replace(/^#\/?/, '').split('/');
  if (first === 'links' && second) return { page: 'link', slug: slugOf(second) };
  if (first === 'keys') return { page: 'keys' };
  if (first === 'products') return { page: 'products' };
  return { page: 'links' };
}

/** A hand-typed address may hold a broken escape (`%E0%A4%A`): that slug is taken as typed. */
function slugOf(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

export function hrefOf(route: Route): string {
  if (route.page === 'link') return `#/links/${encodeURIComponent(route.slug)}`;
  if (route.page === 'links') return '#/';
  return `#/${route.page}`;
}

/** The route of the current address, following the back button and every link. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  return route;
}
