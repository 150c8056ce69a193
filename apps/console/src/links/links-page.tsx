/**
 * The signed-in home: the create form, then the caller's links (GET /api/links) with search, a
 * tag filter and pages. Copying, saving and deleting are announced in one status line.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import { Alert } from '../components/alert';
import { useDeferredFocus } from '../components/use-deferred-focus';
import { Pager } from '../components/pager';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../components/form-errors';
import { copyShortUrl } from './copy-short-url';
import type { Link, LinkPage, TagCount } from './link';
import { LinkCreateForm } from './link-create-form';
import { LinkDeleteDialog } from './link-delete-dialog';
import { LinkEditDialog } from './link-edit-dialog';
import { LinkFilters } from './link-filters';
import { LinkList } from './link-list';
import { findLinks, NO_FILTER, type LinkFilter } from './link-search';
import './links.css';

export function LinksPage({ api }: { api: ApiClient }) {
  const [filter, setFilter] = useState(NO_FILTER);
  const [found, setFound] = useState<LinkPage>();
  const [tags, setTags] = useState<TagCount[]>([]);
  const [loadError, setLoadError] = useState<FormErrors>(NO_ERRORS);
  const [status, setStatus] = useState('');
  const [changes, setChanges] = useState(0);
  const [editing, setEditing] = useState<Link>();
  const [deleting, setDeleting] = useState<Link>();
  // The deleted link's buttons go with it: focus goes to the list's heading.
  const { target: listHeading, focusAfterRender: focusList } =
    useDeferredFocus<HTMLHeadingElement>();

  useEffect(() => {
    let current = true;
    findLinks(api, filter).then(
      (page) => {
        if (!current) return;
        // A delete can empty the last page: show the one before it instead.
        if (page.items.length === 0 && filter.page > 1) {
          setFilter({ ...filter, page: filter.page - 1 });
        }
        setFound(page);
        setLoadError(NO_ERRORS);
      },
      (error: unknown) => current && setLoadError(formErrorsOf(error)),
    );
    return () => void (current = false);
  }, [api, filter, changes]);

  useEffect(() => {
    api.call<TagCount[]>('GET', '/api/tags').then(setTags, () => setTags([]));
  }, [api, changes]);

  const changed = (message: string) => {
    setStatus(message);
    setChanges((count) => count + 1);
  };
  const deleted = (link: Link) => {
    setDeleting(undefined);
    focusList();
    changed(`Deleted /${link.slug}.`);
  };
  const copy = async (link: Link) => setStatus(await copyShortUrl(link));
  const refilter = (next: LinkFilter) => {
    setStatus('');
    setFilter(next);
  };

  // The button pressed may turn disabled (the last page): the reader starts at the list's heading.
  const turnPage = (page: number) => {
    refilter({ ...filter, page });
    listHeading.current?.focus();
  };

  return (
    <>
      <h1>Your links</h1>
      <LinkCreateForm api={api} onCreated={(link) => changed(`Created ${link.shortUrl}.`)} />
      <h2 ref={listHeading} tabIndex={-1}>
        Links
      </h2>
      <LinkFilters
        filter={filter}
        tags={tags}
        onFilter={refilter}
        searchError={loadError.fields.q}
      />
      <p role="status" class="status">
        {status}
      </p>
      <Alert message={loadError.general ?? loadError.fields.tag} />
      {loadError === NO_ERRORS && (
        <>
          <LinkList
            found={found}
            filtered={Boolean(filter.search.trim() || filter.tag)}
            actions={{ onCopy: copy, onEdit: setEditing, onDelete: setDeleting }}
          />
          {found && <Pager label="Pages of links" {...found} onPage={turnPage} />}
        </>
      )}
      {editing && (
        <LinkEditDialog
          api={api}
          link={editing}
          onSaved={(link) => changed(`Saved /${link.slug}.`)}
          onClose={() => setEditing(undefined)}
        />
      )}
      {deleting && (
        <LinkDeleteDialog
          api={api}
          link={deleting}
          onDeleted={deleted}
          onClose={() => setDeleting(undefined)}
        />
      )}
    </>
  );
}
