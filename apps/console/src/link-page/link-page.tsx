/** One link: its QR code, stats over a range of days and its visits as they arrive. */
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { Alert } from '../components/alert';
import { formErrorsOf } from '../components/form-errors';
import { hrefOf } from '../shell/route';
import type { LinkDetails } from './link-details';
import { LinkStatsSection } from './link-stats-section';
import { LiveVisits } from './live-visits';
import { QrCode } from './qr-code';
import './link-page.css';

type Loaded = LinkDetails | 'loading' | 'missing' | { error: string };

export function LinkPage({ api, slug }: { api: ApiClient; slug: string }) {
  const [link, setLink] = useState<Loaded>('loading');

  useEffect(() => {
    setLink('loading');
    // A slower answer for the link shown before must not replace this one's.
    let current = true;
    const show = (loaded: Loaded) => current && setLink(loaded);
    api
      .call<LinkDetails>('GET', `/api/links/${encodeURIComponent(slug)}`)
      .then(show, (error) =>
        show(
          error instanceof ApiError && error.status === 404
            ? 'missing'
            : { error: formErrorsOf(error).general ?? '' },
        ),
      );
    return () => {
      current = false;
    };
  }, [api, slug]);

  return (
    <div class="link-page">
      <p>
        <a href={hrefOf({ page: 'links' })}>← All links</a>
      </p>
      <LinkBody api={api} slug={slug} link={link} />
    </div>
  );
}

function LinkBody({ api, slug, link }: { api: ApiClient; slug: string; link: Loaded }) {
  if (link === 'loading') return <p aria-busy="true">Loading the link…</p>;
  if (link === 'missing') {
    return (
      <>
        <h1>No such link</h1>
        <p>
          There is no link /{slug} among yours. It may have been deleted, or the address is
          mistyped.
        </p>
      </>
    );
  }
  if ('error' in link) {
    return (
      <>
        <h1>/{slug}</h1>
        <Alert message={link.error} />
      </>
    );
  }
  return <LinkSections api={api} link={link} />;
}

/** The sections of a link that exists; the stats hear of each live visit to offer a refresh. */
function LinkSections({ api, link }: { api: ApiClient; link: LinkDetails }) {
  const [liveVisits, setLiveVisits] = useState(0);
  const slug = link.slug;
  return (
    <>
      <h1 class="short-url">{link.shortUrl}</h1>
      <p class="target">
        Goes to <a href={link.url}>{link.url}</a>
        {link.passwordProtected && ' (asks for a password)'}
      </p>
      <div class="top-row">
        <QrCode api={api} slug={slug} shortUrl={link.shortUrl} />
        <LiveVisits api={api} slug={slug} onVisit={() => setLiveVisits((count) => count + 1)} />
      </div>
      <LinkStatsSection api={api} slug={slug} liveVisits={liveVisits} />
    </>
  );
}
