import { ProfessionsModule } from 'src/professions/professions.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { AccountsModule } from 'src/accounts/accounts.module';
import { CpdActivitiesController } from 'src/cpd/cpd-activities.controller';
import { CpdActivitiesService } from 'src/cpd/cpd-activities.service';
import { CpdAuditsController } from 'src/cpd/cpd-audits.controller';
import { CpdAuditsService } from 'src/cpd/cpd-audits.service';
import { CpdComplianceService } from 'src/cpd/cpd-compliance.service';
import { CpdEvidenceController } from 'src/cpd/cpd-evidence.controller';
import { CpdEvidenceService } from 'src/cpd/cpd-evidence.service';
import { CpdController } from 'src/cpd/cpd.controller';
import { EvidenceModule } from 'src/evidence/evidence.module';
import { CpdActivity } from 'src/cpd/entities/cpd-activity.entity';
import { CpdAudit, CpdAuditMember } from 'src/cpd/entities/cpd-audit.entity';
import { CpdProvider } from 'src/cpd/entities/cpd-provider.entity';
import { MembershipModule } from 'src/membership/membership.module';
import { CpdRepository } from 'src/cpd/cpd.repository';
import { CpdPort } from 'src/cpd/cpd.port';
import { CpdService } from 'src/cpd/cpd.service';
import { CpdClaim } from 'src/cpd/entities/cpd-claim.entity';
import { CpdCreditRecord } from 'src/cpd/entities/cpd-credit.entity';
import { CpdPolicy } from 'src/cpd/entities/cpd-policy.entity';
import { CasesModule } from 'src/cases/cases.module';
import { CredentialsModule } from 'src/credentials/credentials.module';

/**
 * Continuing professional development: policies in dated versions, claims, credits recorded once
 * and counted toward every obligation they fit (a credential's cycle), and the transcript.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      CpdPolicy,
      CpdClaim,
      CpdCreditRecord,
      CpdProvider,
      CpdActivity,
      CpdAudit,
      CpdAuditMember,
    ]),
    AuditModule,
    CredentialsModule,
    CasesModule,
    AccountsModule,
    MembershipModule,
    EvidenceModule,
    ProfessionsModule,
  ],
  controllers: [CpdController, CpdActivitiesController, CpdAuditsController, CpdEvidenceController],
  providers: [
    CpdService,
    CpdActivitiesService,
    CpdAuditsService,
    CpdComplianceService,
    CpdEvidenceService,
    CpdRepository,
    CpdPort,
  ],
  // The admin use cases are for seed-packs/, which loads policies as an admin's request would.
  exports: [CpdService, CpdPort],
})
export class CpdModule {}
