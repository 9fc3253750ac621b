import { Module } from '@nestjs/common';
import { CpdModule } from 'src/cpd/cpd.module';
import { CredentialsModule } from 'src/credentials/credentials.module';
import { PeopleModule } from 'src/people/people.module';
import { StandingController } from 'src/standing/standing.controller';
import { StandingRepository } from 'src/standing/standing.repository';
import { StandingPort } from 'src/standing/standing.port';
import { StandingService } from 'src/standing/standing.service';

/**
 * Standing explained: no tables of its own, only every other module's facts of a day and the
 * rules over them. It sits above them all and below renewals, which read it.
 */
@Module({
  imports: [CredentialsModule, CpdModule, PeopleModule],
  controllers: [StandingController],
  providers: [StandingRepository, StandingService, StandingPort],
  exports: [StandingPort],
})
export class StandingModule {}
