import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { ChaptersModule } from 'src/chapters/chapters.module';
import { CredentialsModule } from 'src/credentials/credentials.module';
import { EducationModule } from 'src/education/education.module';
import { DuesModule } from 'src/dues/dues.module';
import { EthicsModule } from 'src/ethics/ethics.module';
import { MembershipApplicationsRepository } from 'src/membership/membership-applications.repository';
import { MemberListRepository } from 'src/membership/member-list.repository';
import { MembershipCoverService } from 'src/membership/membership-cover.service';
import { MembershipStatusChanges } from 'src/membership/membership-status-changes';
import { MembershipImport } from 'src/membership/entities/membership-import.entity';
import { MembershipImportsController } from 'src/membership/import/membership-imports.controller';
import { MembershipImportService } from 'src/membership/import/membership-import.service';
import { PeopleModule } from 'src/people/people.module';
import { ProfessionsModule } from 'src/professions/professions.module';
import { DirectoryController } from 'src/membership/directory.controller';
import { DirectoryService } from 'src/membership/directory.service';
import { MembershipReportsController } from 'src/membership/membership-reports.controller';
import { MembershipReportsService } from 'src/membership/membership-reports.service';
import { MembershipApplication } from 'src/membership/entities/membership-application.entity';
import { MembershipCategory } from 'src/membership/entities/membership-category.entity';
import { MembershipJobRun } from 'src/membership/entities/membership-job-run.entity';
import { MembershipPeriod } from 'src/membership/entities/membership-period.entity';
import { MembershipSequence } from 'src/membership/entities/membership-sequence.entity';
import { MembershipPort } from 'src/membership/membership.port';
import { MembershipSuspensions } from 'src/membership/membership-suspensions';
import { MembershipEndings } from 'src/membership/membership-endings';
import { MembershipSuspension } from 'src/membership/entities/membership-suspension.entity';
import { MembershipStatusChange } from 'src/membership/entities/membership-status-change.entity';
import { Membership } from 'src/membership/entities/membership.entity';
import { MembershipApplicationsController } from 'src/membership/membership-applications.controller';
import { MembershipApplicationsService } from 'src/membership/membership-applications.service';
import { MembershipCategoriesController } from 'src/membership/membership-categories.controller';
import { MembershipReportsRepository } from 'src/membership/membership-reports.repository';
import { StatusRunRepository } from 'src/membership/status-run.repository';
import { MembershipRepository } from 'src/membership/membership.repository';
import { ImportedMemberships } from 'src/membership/import/imported-memberships';
import { MemberNumbers } from 'src/membership/member-numbers';
import { MembershipCategoriesRepository } from 'src/membership/membership-categories.repository';
import { MembershipCategoriesService } from 'src/membership/membership-categories.service';
import { MembershipStatusRunsController } from 'src/membership/membership-status-runs.controller';
import { MembershipStatusRunService } from 'src/membership/membership-status-run.service';
import { MembershipsController } from 'src/membership/memberships.controller';
import { MembershipsService } from 'src/membership/memberships.service';

/**
 * Step 3 of the pipeline: categories, applications, memberships, member numbers, periods and
 * their cover (paid through dues), the status run, the directory, reports and import.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      MembershipCategory,
      MembershipSequence,
      MembershipApplication,
      Membership,
      MembershipStatusChange,
      MembershipSuspension,
      MembershipPeriod,
      MembershipJobRun,
      MembershipImport,
    ]),
    AuditModule,
    ChaptersModule,
    ProfessionsModule,
    EducationModule,
    CredentialsModule,
    DuesModule,
    EthicsModule,
    PeopleModule,
  ],
  controllers: [
    MembershipCategoriesController,
    MembershipApplicationsController,
    MembershipStatusRunsController,
    MembershipImportsController,
    MembershipReportsController,
    DirectoryController,
    MembershipsController,
  ],
  providers: [
    MembershipRepository,
    MembershipApplicationsRepository,
    MemberListRepository,
    StatusRunRepository,
    MembershipReportsRepository,
    MembershipCategoriesRepository,
    MembershipCategoriesService,
    MembershipApplicationsService,
    MembershipsService,
    MembershipStatusChanges,
    MembershipSuspensions,
    MembershipEndings,
    MembershipPort,
    MembershipCoverService,
    MembershipStatusRunService,
    MembershipReportsService,
    DirectoryService,
    MembershipImportService,
    MemberNumbers,
    ImportedMemberships,
  ],
  exports: [
    MembershipPort,
    MembershipsService,
    MembershipCategoriesService,
    MembershipCoverService,
  ],
})
export class MembershipModule {}
