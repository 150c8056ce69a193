/**
 * The QR code of a link the caller may manage (theirs, or any for an admin; 404 otherwise): it
 * encodes the short URL with the flag that counts its visits as scans (links/visit-source.ts).
 */
import type { AuthenticatedUser } from '@beacon/auth';
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { Injectable } from '@nestjs/common';
import { LinksService } from '../links/links.service';
import { qrScanUrl } from '../links/visit-source';
import { drawQrCode, type QrCodeImage } from './qr-code-image';
import type { QrCodeQuery } from './qr-code.schemas';

@Injectable()
export class LinkQrCodeService {
  constructor(
    private readonly links: LinksService,
    @InjectConfig() private readonly config: BeaconConfig,
  ) {}

  async forLink(
    slug: string,
    caller: AuthenticatedUser,
    query: QrCodeQuery,
  ): Promise<QrCodeImage & { slug: string }> {
    const link = await this.links.getManaged(slug, caller);
    const shortUrl = `${this.config.http.publicBaseUrl}/${link.slug}`;
    return { slug: link.slug, ...(await drawQrCode(qrScanUrl(shortUrl), query)) };
  }
}
