import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { CodeArticle } from 'src/ethics/entities/code-article.entity';
import { CodeVersion } from 'src/ethics/entities/code-version.entity';
import { Pledge } from 'src/ethics/entities/pledge.entity';
import { EthicsController } from 'src/ethics/ethics.controller';
import { EthicsRepository } from 'src/ethics/ethics.repository';
import { EthicsService } from 'src/ethics/ethics.service';
import { EthicsPort } from 'src/ethics/ethics.port';
import { ProfessionsModule } from 'src/professions/professions.module';

/** The code of ethics and pledges; complaints and cases are the cases module's. */
@Module({
  imports: [
    TypeOrmModule.forFeature([CodeVersion, CodeArticle, Pledge]),
    AuditModule,
    ProfessionsModule,
  ],
  controllers: [EthicsController],
  providers: [EthicsRepository, EthicsService, EthicsPort],
  // The admin use cases are for seed-packs/, which publishes codes as an admin's request would.
  exports: [EthicsService, EthicsPort],
})
export class EthicsModule {}
