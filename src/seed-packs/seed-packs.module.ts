import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { CredentialsModule } from 'src/credentials/credentials.module';
import { EducationModule } from 'src/education/education.module';
import { EthicsModule } from 'src/ethics/ethics.module';
import { CasesModule } from 'src/cases/cases.module';
import { CpdModule } from 'src/cpd/cpd.module';
import { MembershipModule } from 'src/membership/membership.module';
import { ProfessionsModule } from 'src/professions/professions.module';
import { ImportedPack } from 'src/seed-packs/entities/imported-pack.entity';
import { SeedPacksController } from 'src/seed-packs/seed-packs.controller';
import { SeedPacksRepository } from 'src/seed-packs/seed-packs.repository';
import { SeedPacksService } from 'src/seed-packs/seed-packs.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([ImportedPack]),
    AuditModule,
    ProfessionsModule,
    EducationModule,
    CredentialsModule,
    MembershipModule,
    EthicsModule,
    CasesModule,
    CpdModule,
  ],
  controllers: [SeedPacksController],
  providers: [SeedPacksService, SeedPacksRepository],
  exports: [SeedPacksService],
})
export class SeedPacksModule {}
