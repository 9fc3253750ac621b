import { CredentialChangesService } from 'src/credentials/credential-changes.service';
import { CredentialChange } from 'src/credentials/entities/credential-change.entity';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { EthicsModule } from 'src/ethics/ethics.module';
import { DuesModule } from 'src/dues/dues.module';
import { ProfessionsModule } from 'src/professions/professions.module';
import { EducationModule } from 'src/education/education.module';
import { PeopleModule } from 'src/people/people.module';
import { ChaptersModule } from 'src/chapters/chapters.module';
import { CredentialTypesController } from 'src/credentials/credential-types.controller';
import { CredentialTypesRepository } from 'src/credentials/credential-types.repository';
import { CredentialTypesService } from 'src/credentials/credential-types.service';
import { CredentialsController } from 'src/credentials/credentials.controller';
import { PublicCredentialsRepository } from 'src/credentials/public-credentials.repository';
import { CredentialsRepository } from 'src/credentials/credentials.repository';
import { CredentialsService } from 'src/credentials/credentials.service';
import { CredentialsPort } from 'src/credentials/credentials.port';
import { CredentialSuspensions } from 'src/credentials/credential-suspensions';
import { CredentialSuspension } from 'src/credentials/entities/credential-suspension.entity';
import { CredentialEvent } from 'src/credentials/entities/credential-event.entity';
import { CredentialNumberSequence } from 'src/credentials/entities/credential-number-sequence.entity';
import { CredentialPeriod } from 'src/credentials/entities/credential-period.entity';
import { CredentialType } from 'src/credentials/entities/credential-type.entity';
import { Credential } from 'src/credentials/entities/credential.entity';
import { EvidenceModule } from 'src/evidence/evidence.module';
import { PublicVerificationController } from 'src/credentials/public-verification.controller';
import { PublicVerificationService } from 'src/credentials/public-verification.service';
import { OrganisationVerificationController } from 'src/credentials/organisation-verification.controller';
import { OrganisationVerificationService } from 'src/credentials/organisation-verification.service';
import { IssuerKey } from 'src/credentials/entities/issuer-key.entity';
import { SignedStatusList } from 'src/credentials/entities/signed-status-list.entity';
import { DidController } from 'src/credentials/verifiable/did.controller';
import { IssuerKeyService } from 'src/credentials/verifiable/issuer-key.service';
import { VerifiableCredentialsController } from 'src/credentials/verifiable/verifiable-credentials.controller';
import { VerifiableCredentialsService } from 'src/credentials/verifiable/verifiable-credentials.service';
import { VerificationLogEntry } from 'src/credentials/entities/verification-log-entry.entity';
import { VerifyPageController } from 'src/credentials/verify-page.controller';
import { VerifyPageService } from 'src/credentials/verify-page.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      SignedStatusList,
      CredentialType,
      CredentialNumberSequence,
      Credential,
      CredentialPeriod,
      CredentialEvent,
      CredentialChange,
      CredentialSuspension,
      VerificationLogEntry,
      IssuerKey,
    ]),
    AuditModule,
    DuesModule,
    EthicsModule,
    EvidenceModule,
    ProfessionsModule,
    EducationModule,
    PeopleModule,
    ChaptersModule,
  ],
  controllers: [
    CredentialTypesController,
    CredentialsController,
    PublicVerificationController,
    VerifyPageController,
    OrganisationVerificationController,
    DidController,
    VerifiableCredentialsController,
  ],
  providers: [
    CredentialChangesService,
    CredentialTypesService,
    CredentialTypesRepository,
    CredentialsRepository,
    PublicCredentialsRepository,
    CredentialsService,
    CredentialSuspensions,
    CredentialsPort,
    PublicVerificationService,
    VerifyPageService,
    OrganisationVerificationService,
    IssuerKeyService,
    VerifiableCredentialsService,
  ],
  exports: [CredentialsPort, CredentialsService, CredentialTypesService],
})
export class CredentialsModule {}
