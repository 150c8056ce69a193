/** CSV import and export of links, and export of a link's raw visits. */
import { Module } from '@nestjs/common';
import { LinksModule } from '../links/links.module';
import { ReadReplicasModule } from '../read-replicas/read-replicas.module';
import { LinkExportService } from './link-export.service';
import { LinkImportService } from './link-import.service';
import { LinkTransferController } from './link-transfer.controller';
import { VisitExportService } from './visit-export.service';

@Module({
  imports: [LinksModule, ReadReplicasModule],
  controllers: [LinkTransferController],
  providers: [LinkImportService, LinkExportService, VisitExportService],
})
export class LinkTransferModule {}
