import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import {
  LetterSequence,
  RecommendationLetter,
} from 'src/letters/entities/recommendation-letter.entity';
import { LettersController } from 'src/letters/letters.controller';
import { LettersRepository } from 'src/letters/letters.repository';
import { LettersService } from 'src/letters/letters.service';
import { PeopleModule } from 'src/people/people.module';
import { StandingModule } from 'src/standing/standing.module';

/**
 * Recommendation letters (the rekomendasi of good standing, for employers, hospitals and work
 * abroad; since UU 17/2023 no longer needed for a practice permit), issued on the
 * person's standing: beside renewals, above standing.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([RecommendationLetter, LetterSequence]),
    AuditModule,
    PeopleModule,
    StandingModule,
  ],
  controllers: [LettersController],
  providers: [LettersRepository, LettersService],
})
export class LettersModule {}
