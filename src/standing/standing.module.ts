import { Module } from '@nestjs/common';
import { CasesModule } from 'src/cases/cases.module';
import { CpdModule } from 'src/cpd/cpd.module';
import { CredentialsModule } from 'src/credentials/credentials.module';
import { DuesModule } from 'src/dues/dues.module';
import { EducationModule } from 'src/education/education.module';
import { EthicsModule } from 'src/ethics/ethics.module';
import { MembershipModule } from 'src/membership/membership.module';
import { StandingController } from 'src/standing/standing.controller';
import { StandingService } from 'src/standing/standing.service';

/**
 * Standing explained: no tables of its own, only every other module's facts of a day and the
 * rules over them. It sits above them all and below renewals, which read it.
 */
@Module({
  imports: [
    MembershipModule,
    CredentialsModule,
    DuesModule,
    EducationModule,
    EthicsModule,
    CasesModule,
    CpdModule,
  ],
  controllers: [StandingController],
  providers: [StandingService],
  exports: [StandingService],
})
export class StandingModule {}
