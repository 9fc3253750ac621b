import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { Profession } from 'src/professions/entities/profession.entity';
import { Speciality } from 'src/professions/entities/speciality.entity';
import { ProfessionsController } from 'src/professions/professions.controller';
import { ProfessionsRepository } from 'src/professions/professions.repository';
import { ProfessionsService } from 'src/professions/professions.service';
import { ProfessionsPort } from 'src/professions/professions.port';

@Module({
  imports: [TypeOrmModule.forFeature([Profession, Speciality]), AuditModule],
  controllers: [ProfessionsController],
  providers: [ProfessionsService, ProfessionsRepository, ProfessionsPort],
  // The admin use cases are for seed-packs/, which loads configuration as an admin's request would.
  exports: [ProfessionsService, ProfessionsPort],
})
export class ProfessionsModule {}
