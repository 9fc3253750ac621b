import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { EvidenceModule } from 'src/evidence/evidence.module';
import { EducationRepository } from 'src/education/education.repository';
import { Degree } from 'src/education/entities/degree.entity';
import { Institution } from 'src/education/entities/institution.entity';
import { QualificationReview } from 'src/education/entities/qualification-review.entity';
import { Qualification } from 'src/education/entities/qualification.entity';
import { DegreesController } from 'src/education/degrees.controller';
import { InstitutionsController } from 'src/education/institutions.controller';
import { InstitutionsService } from 'src/education/institutions.service';
import { QualificationsController } from 'src/education/qualifications.controller';
import { QualificationsService } from 'src/education/qualifications.service';
import { EducationPort } from 'src/education/education.port';

@Module({
  imports: [
    TypeOrmModule.forFeature([Degree, Institution, Qualification, QualificationReview]),
    AuditModule,
    EvidenceModule,
  ],
  controllers: [DegreesController, InstitutionsController, QualificationsController],
  providers: [EducationRepository, InstitutionsService, QualificationsService, EducationPort],
  // The admin use cases are for seed-packs/, which loads degrees as an admin's request would.
  exports: [QualificationsService, EducationPort],
})
export class EducationModule {}
