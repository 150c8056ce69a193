/** QR codes of links: the image the owner prints, whose scans the stats count apart. */
import { Module } from '@nestjs/common';
import { LinksModule } from '../links/links.module';
import { LinkQrCodeController } from './link-qr-code.controller';
import { LinkQrCodeService } from './link-qr-code.service';

@Module({
  imports: [LinksModule],
  controllers: [LinkQrCodeController],
  providers: [LinkQrCodeService],
})
export class QrCodesModule {}
