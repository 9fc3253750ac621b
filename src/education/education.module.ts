import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { EvidenceModule } from 'src/evidence/evidence.module';
import { Institution } from 'src/education/entities/institution.entity';
import { QualificationReview } from 'src/education/entities/qualification-review.entity';
import { Qualification } from 'src/education/entities/qualification.entity';
import { InstitutionsController } from 'src/education/institutions.controller';
import { InstitutionsService } from 'src/education/institutions.service';
import { QualificationsController } from 'src/education/qualifications.controller';
import { QualificationsService } from 'src/education/qualifications.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Institution, Qualification, QualificationReview]),
    AuditModule,
    EvidenceModule,
  ],
  controllers: [InstitutionsController, QualificationsController],
  providers: [InstitutionsService, QualificationsService],
  exports: [QualificationsService],
})
export class EducationModule {}
