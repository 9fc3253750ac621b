import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { ChaptersController } from 'src/chapters/chapters.controller';
import { ChaptersRepository } from 'src/chapters/chapters.repository';
import { ChaptersService } from 'src/chapters/chapters.service';
import { Chapter } from 'src/chapters/entities/chapter.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Chapter]), AuditModule],
  controllers: [ChaptersController],
  providers: [ChaptersService, ChaptersRepository],
  exports: [ChaptersService],
})
export class ChaptersModule {}
