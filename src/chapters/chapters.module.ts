import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { ChaptersController } from 'src/chapters/chapters.controller';
import { ChaptersRepository } from 'src/chapters/chapters.repository';
import { ChaptersService } from 'src/chapters/chapters.service';
import { ChaptersPort } from 'src/chapters/chapters.port';
import { Chapter } from 'src/chapters/entities/chapter.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Chapter]), AuditModule],
  controllers: [ChaptersController],
  providers: [ChaptersService, ChaptersRepository, ChaptersPort],
  exports: [ChaptersPort],
})
export class ChaptersModule {}
