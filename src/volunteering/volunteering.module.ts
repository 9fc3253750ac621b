import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { CpdModule } from 'src/cpd/cpd.module';
import { CredentialsModule } from 'src/credentials/credentials.module';
import { MembershipModule } from 'src/membership/membership.module';
import { ShiftSignup } from 'src/volunteering/entities/shift-signup.entity';
import { VolunteerCalendarFeed } from 'src/volunteering/entities/volunteer-calendar-feed.entity';
import { VolunteerCreditProposal } from 'src/volunteering/entities/volunteer-credit-proposal.entity';
import { VolunteerCreditRule } from 'src/volunteering/entities/volunteer-credit-rule.entity';
import { VolunteerHours } from 'src/volunteering/entities/volunteer-hours.entity';
import { VolunteerProgram } from 'src/volunteering/entities/volunteer-program.entity';
import { VolunteerShift } from 'src/volunteering/entities/volunteer-shift.entity';
import { Volunteer } from 'src/volunteering/entities/volunteer.entity';
import { VolunteeringController } from 'src/volunteering/volunteering.controller';
import { VolunteeringRepository } from 'src/volunteering/volunteering.repository';
import { VolunteerChecks } from 'src/volunteering/volunteer-checks';
import { VolunteerHoursService } from 'src/volunteering/volunteer-hours.service';
import { VolunteerProgramsService } from 'src/volunteering/volunteer-programs.service';
import { VolunteerShiftsService } from 'src/volunteering/volunteer-shifts.service';
import { VolunteersService } from 'src/volunteering/volunteers.service';

/**
 * Volunteering: programs, volunteers, shifts, hours and the CPD credits hours propose. It sits
 * above CPD (where accepted credits are recorded), credentials and membership (whose facts decide
 * who may join).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      VolunteerProgram,
      Volunteer,
      VolunteerShift,
      ShiftSignup,
      VolunteerHours,
      VolunteerCreditRule,
      VolunteerCreditProposal,
      VolunteerCalendarFeed,
    ]),
    AuditModule,
    CpdModule,
    CredentialsModule,
    MembershipModule,
  ],
  controllers: [VolunteeringController],
  providers: [
    VolunteeringRepository,
    VolunteerChecks,
    VolunteerProgramsService,
    VolunteersService,
    VolunteerShiftsService,
    VolunteerHoursService,
  ],
})
export class VolunteeringModule {}
