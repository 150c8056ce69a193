/**
 * The signed-in frame: a skip link, the navigation (the catalog only for admins, the API's docs
 * for everyone: the console uses only that API) and sign out
 * above the page the address names. Each new page (and the first, after signing in) puts focus on
 * the content: the link or button that led there is gone, and focus would drop to the document.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import { ApiKeysPage } from '../api-keys/api-keys-page';
import { ProductsPage } from '../catalog/products-page';
import { LinkPage } from '../link-page/link-page';
import { LinksPage } from '../links/links-page';
import type { CurrentUser } from './current-user';
import { hrefOf, useRoute, type Route } from './route';

interface ShellProps {
  api: ApiClient;
  user: CurrentUser;
  onSignOut: () => void;
}

export function ConsoleShell({ api, user, onSignOut }: ShellProps) {
  const admin = user.role === 'admin';
  const route = shownRoute(useRoute(), admin);
  const section = route.page === 'link' ? 'links' : route.page;
  const content = useRef<HTMLElement>(null);
  const address = hrefOf(route);
  useEffect(() => content.current?.focus(), [address]);
  const navLink = (target: Route, label: string) => (
    <a href={hrefOf(target)} aria-current={section === target.page ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <>
      <a class="skip" href="#content" onClick={skipToContent}>
        Skip to content
      </a>
      <header class="bar">
        <span class="brand">Beacon</span>
        <nav aria-label="Console">
          {navLink({ page: 'links' }, 'Links')}
          {navLink({ page: 'keys' }, 'API keys')}
          {admin && navLink({ page: 'products' }, 'Products')}
          <a href="/docs">API docs</a>
        </nav>
        <span class="who">{user.email}</span>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main id="content" tabIndex={-1} ref={content}>
        <Page api={api} route={route} admin={admin} />
      </main>
    </>
  );
}

/** The fragment holds the route, so the skip link moves focus itself instead of navigating. */
function skipToContent(event: Event) {
  event.preventDefault();
  document.getElementById('content')?.focus();
}

/** The catalog is for admins: anyone else asking for it gets the links page. */
function shownRoute(route: Route, admin: boolean): Route {
  return route.page === 'products' && !admin ? { page: 'links' } : route;
}

function Page({ api, route, admin }: { api: ApiClient; route: Route; admin: boolean }) {
  if (route.page === 'link') return <LinkPage api={api} slug={route.slug} />;
  if (route.page === 'keys') return <ApiKeysPage api={api} admin={admin} />;
  if (route.page === 'products') return <ProductsPage api={api} />;
  return <LinksPage api={api} />;
}
