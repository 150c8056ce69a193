/**
 * The link's QR code (it encodes the short URL with ?qr=1, so its scans count apart). The image
 * needs the Authorization header, so it is fetched and shown as a data: URL, which the console's
 * CSP already allows for images; the same URLs are the downloads, SVG and PNG.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import { Alert } from '../components/alert';
import { formErrorsOf } from '../components/form-errors';

type Format = 'svg' | 'png';
type Images = Record<Format, string>;

/** The PNG download is big enough to print; the page shows the SVG, sharp at any size. */
const PNG_SIZE = 1024;

export function QrCode({
  api,
  slug,
  shortUrl,
}: {
  api: ApiClient;
  slug: string;
  shortUrl: string;
}) {
  const [images, setImages] = useState<Images>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    const base = `/api/links/${encodeURIComponent(slug)}/qr`;
    const dataUrlOf = (query: string) => api.blob(`${base}?${query}`).then(readAsDataUrl);
    Promise.all([dataUrlOf('format=svg'), dataUrlOf(`format=png&size=${PNG_SIZE}`)]).then(
      ([svg, png]) => setImages({ svg, png }),
      (failure: unknown) => setError(formErrorsOf(failure).general),
    );
  }, [api, slug]);

  return (
    <section aria-labelledby="qr-heading" class="panel qr">
      <h2 id="qr-heading">QR code</h2>
      <Alert message={error} />
      {!images && !error && <p aria-busy="true">Loading the QR code…</p>}
      {images && (
        <>
          <img src={images.svg} alt={`QR code for ${shortUrl}`} width={192} height={192} />
          <p class="downloads">
            <a href={images.png} download={`${slug}-qr.png`}>
              Download PNG
            </a>
            <a href={images.svg} download={`${slug}-qr.svg`}>
              Download SVG
            </a>
          </p>
        </>
      )}
    </section>
  );
}

function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('The image could not be read'));
    reader.readAsDataURL(blob);
  });
}
