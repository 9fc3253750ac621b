import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from 'src/accounts/accounts.module';
import { AuditModule } from 'src/audit/audit.module';
import { CasesController } from 'src/cases/cases.controller';
import { CasesRepository } from 'src/cases/cases.repository';
import { CaseConfigurationService } from 'src/cases/case-configuration.service';
import { CaseAccess } from 'src/cases/case-access';
import { CaseClocksService } from 'src/cases/case-clocks.service';
import { CaseSanctions } from 'src/cases/case-sanctions';
import { CaseStaffingService } from 'src/cases/case-staffing.service';
import { CaseViews } from 'src/cases/case-views';
import { CasesService } from 'src/cases/cases.service';
import { CaseDocumentsService } from 'src/cases/case-documents.service';
import { EvidenceModule } from 'src/evidence/evidence.module';
import { PeopleModule } from 'src/people/people.module';
import { ProfessionsModule } from 'src/professions/professions.module';
import { PublicSanctionsModule } from 'src/cases/public-sanctions.module';
import { CaseAssignment } from 'src/cases/entities/case-assignment.entity';
import { CaseEvent } from 'src/cases/entities/case-event.entity';
import { CaseRead } from 'src/cases/entities/case-read.entity';
import { CaseProcedure } from 'src/cases/entities/case-procedure.entity';
import { CaseRecusal } from 'src/cases/entities/case-recusal.entity';
import { CaseSanction } from 'src/cases/entities/case-sanction.entity';
import { SanctionType } from 'src/cases/entities/sanction-type.entity';
import { Complaint } from 'src/cases/entities/complaint.entity';
import { EthicsCase } from 'src/cases/entities/ethics-case.entity';
import { CredentialsModule } from 'src/credentials/credentials.module';
import { MembershipModule } from 'src/membership/membership.module';

/**
 * Complaints and ethics cases: intake, the procedure step by step, its timeline and who may see
 * it. It stands above membership and credentials, whose statuses a final sanction will change.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Complaint,
      EthicsCase,
      CaseEvent,
      CaseAssignment,
      CaseRead,
      CaseRecusal,
      SanctionType,
      CaseSanction,
      CaseProcedure,
    ]),
    AuditModule,
    AccountsModule,
    CredentialsModule,
    MembershipModule,
    PeopleModule,
    EvidenceModule,
    PublicSanctionsModule,
    ProfessionsModule,
  ],
  controllers: [CasesController],
  providers: [
    CasesService,
    CaseAccess,
    CaseViews,
    CaseSanctions,
    CaseStaffingService,
    CaseClocksService,
    CaseConfigurationService,
    CaseDocumentsService,
    CasesRepository,
  ],
  exports: [CaseConfigurationService],
})
export class CasesModule {}
