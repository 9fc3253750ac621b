import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import type { RuntimeSettings } from 'src/config/settings';
import { DOCUMENT_STORAGE, LocalFolderStorage } from 'src/evidence/document-storage';
import { EvidenceDocument } from 'src/evidence/entities/evidence-document.entity';
import { EvidenceController } from 'src/evidence/evidence.controller';
import { EvidenceRepository } from 'src/evidence/evidence.repository';
import { EvidenceService } from 'src/evidence/evidence.service';
import { EvidencePort } from 'src/evidence/evidence.port';

/** Evidence files for the modules that take them (education, credentials). */
@Module({
  imports: [TypeOrmModule.forFeature([EvidenceDocument]), AuditModule],
  controllers: [EvidenceController],
  providers: [
    EvidenceService,
    EvidencePort,
    EvidenceRepository,
    {
      provide: DOCUMENT_STORAGE,
      inject: [ConfigService],
      useFactory: (config: ConfigService<RuntimeSettings, true>) =>
        new LocalFolderStorage(config.get('evidenceDir', { infer: true })),
    },
  ],
  exports: [EvidencePort],
})
export class EvidenceModule {}
