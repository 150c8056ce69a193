/** The signed-in home: the create form above the list of the caller's links (GET /api/links). */
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import { Alert } from '../components/alert';
import { formErrorsOf } from '../components/form-errors';
import type { Link, LinkPage } from './link';
import { LinkCreateForm } from './link-create-form';
import { LinkList } from './link-list';

export function LinksPage({ api }: { api: ApiClient }) {
  const [links, setLinks] = useState<Link[]>();
  const [loadError, setLoadError] = useState<string>();

  useEffect(() => {
    api.call<LinkPage>('GET', '/api/links').then(
      (page) => setLinks(page.items),
      (error: unknown) => setLoadError(formErrorsOf(error).general),
    );
  }, [api]);

  return (
    <>
      <h1>Your links</h1>
      <LinkCreateForm api={api} onCreated={(link) => setLinks([link, ...(links ?? [])])} />
      <h2>Links</h2>
      <Alert message={loadError} />
      {!loadError && <LinkList links={links} />}
    </>
  );
}
