import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AnyAccount, Public, SelfOrStaff, Staff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import { PageQuery } from 'src/common/paging';
import { UuidParam } from 'src/common/validation/validation';
import {
  ApplyDto,
  CalendarFeedResponse,
  CreateCreditRuleDto,
  CreateProgramDto,
  CreateShiftDto,
  CreditRuleResponse,
  DecideHoursDto,
  DecideProposalDto,
  DecideVolunteerDto,
  HoursPage,
  HoursQuery,
  HoursReportQuery,
  HoursReportRow,
  HoursResponse,
  LogHoursDto,
  ProgramPage,
  ProgramResponse,
  ProposalPage,
  ProposalResponse,
  ProposalsQuery,
  PublicProgramResponse,
  ShiftResponse,
  SignupResponse,
  SignUpDto,
  UpdateProgramDto,
  VolunteerPage,
  VolunteerResponse,
  VolunteersQuery,
} from 'src/volunteering/dto/volunteering.dto';
import { VolunteerHoursService } from 'src/volunteering/volunteer-hours.service';
import { VolunteerProgramsService } from 'src/volunteering/volunteer-programs.service';
import { VolunteerShiftsService } from 'src/volunteering/volunteer-shifts.service';
import { VolunteersService } from 'src/volunteering/volunteers.service';

@ApiTags('volunteering')
@Controller('volunteering')
export class VolunteeringController {
  constructor(
    private readonly programs: VolunteerProgramsService,
    private readonly volunteersService: VolunteersService,
    private readonly shifts: VolunteerShiftsService,
    private readonly hoursService: VolunteerHoursService,
  ) {}

  @Get('programs')
  @Public()
  @ApiOperation({
    summary: 'Open volunteer programs, soonest first: the public list (no login, no personal data)',
  })
  @ApiOkResponse({ type: ProgramPage })
  openPrograms(@Query() query: PageQuery) {
    return this.programs.openPrograms(query);
  }

  @Get('programs/:id')
  @Public()
  @ApiOperation({
    summary: 'An open program’s public page, with its shifts to come and places left',
  })
  @ApiOkResponse({ type: PublicProgramResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  publicProgram(@Param('id', UuidParam('id')) id: string) {
    return this.programs.publicProgram(id);
  }

  @Post('programs')
  @Staff('volunteering')
  @ApiOperation({ summary: 'Start a volunteer program' })
  @ApiCreatedResponse({ type: ProgramResponse })
  createProgram(@CurrentActor() actor: Actor, @Body() dto: CreateProgramDto) {
    return this.programs.createProgram(actor, dto);
  }

  @Patch('programs/:id')
  @Staff('volunteering')
  @ApiOperation({ summary: 'Open or close a program (a closed one takes no one new)' })
  @ApiOkResponse({ type: ProgramResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  updateProgram(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: UpdateProgramDto,
  ) {
    return this.programs.updateProgram(actor, id, dto);
  }

  @Post('programs/:id/shifts')
  @Staff('volunteering')
  @ApiOperation({ summary: 'Add a shift for a role, with its capacity' })
  @ApiCreatedResponse({ type: ShiftResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  addShift(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: CreateShiftDto,
  ) {
    return this.programs.addShift(actor, id, dto);
  }

  @Post('programs/:id/volunteers')
  @SelfOrStaff('volunteering')
  @ApiOperation({
    summary: 'Apply to an open program (register first at /auth/register without an account)',
    description:
      'Refused with 422 `volunteer-requirements-unmet`, naming the reason, where the program is for members only or needs a valid credential the person lacks.',
  })
  @ApiCreatedResponse({ type: VolunteerResponse })
  @ApiConflictResponse({ type: ProblemResponse })
  @ApiUnprocessableEntityResponse({ type: ProblemResponse })
  apply(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: ApplyDto,
  ) {
    return this.volunteersService.apply(actor, id, dto);
  }

  @Get('volunteers')
  @SelfOrStaff('volunteering')
  @ApiOperation({ summary: 'Volunteers: my own places for members, anyone’s for coordinators' })
  @ApiOkResponse({ type: VolunteerPage })
  volunteers(@CurrentActor() actor: Actor, @Query() query: VolunteersQuery) {
    return this.volunteersService.volunteers(actor, query);
  }

  @Get('volunteers/:id')
  @SelfOrStaff('volunteering')
  @ApiOperation({ summary: 'One volunteer' })
  @ApiOkResponse({ type: VolunteerResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  volunteer(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.volunteersService.volunteer(actor, id);
  }

  @Post('volunteers/:id/decision')
  @Staff('volunteering')
  @ApiOperation({ summary: 'Approve an applicant, or archive a volunteer with a reason' })
  @ApiCreatedResponse({ type: VolunteerResponse })
  @ApiConflictResponse({ type: ProblemResponse })
  decideVolunteer(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: DecideVolunteerDto,
  ) {
    return this.volunteersService.decideVolunteer(actor, id, dto);
  }

  @Post('volunteers/:id/hours')
  @SelfOrStaff('volunteering')
  @ApiOperation({
    summary: 'Log hours (a volunteer: pending) or record attendance (a coordinator: approved)',
    description:
      'A correction names the entry it corrects in `correctsId`; once approved it takes that entry’s place. Hours are never deleted.',
  })
  @ApiCreatedResponse({ type: HoursResponse })
  @ApiConflictResponse({ type: ProblemResponse })
  logHours(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: LogHoursDto,
  ) {
    return this.hoursService.logHours(actor, id, dto);
  }

  @Get('volunteers/:id/certificate.pdf')
  @SelfOrStaff('volunteering')
  @ApiOperation({ summary: 'A certificate of service: the approved hours, as a PDF' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The certificate', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ProblemResponse })
  async certificate(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
  ): Promise<StreamableFile> {
    return new StreamableFile(await this.volunteersService.certificate(actor, id), {
      type: 'application/pdf',
      disposition: `inline; filename="certificate-of-service-${id}.pdf"`,
    });
  }

  @Post('shifts/:id/signups')
  @SelfOrStaff('volunteering')
  @ApiOperation({
    summary: 'Sign up for a shift: a place while there is one, the waiting list after',
  })
  @ApiCreatedResponse({ type: SignupResponse })
  @ApiConflictResponse({ type: ProblemResponse })
  @ApiUnprocessableEntityResponse({ type: ProblemResponse })
  signUp(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: SignUpDto,
  ) {
    return this.shifts.signUp(actor, id, dto);
  }

  @Get('shifts/:id/signups')
  @Staff('volunteering')
  @ApiOperation({ summary: 'A shift’s roster: confirmed, waiting (in order) and cancelled' })
  @ApiOkResponse({ type: [SignupResponse] })
  @ApiNotFoundResponse({ type: ProblemResponse })
  roster(@Param('id', UuidParam('id')) id: string) {
    return this.shifts.roster(id);
  }

  @Post('signups/:id/cancellation')
  @SelfOrStaff('volunteering')
  @ApiOperation({ summary: 'Cancel a sign-up; the first on the waiting list takes the place' })
  @ApiCreatedResponse({ type: SignupResponse })
  @ApiConflictResponse({ type: ProblemResponse })
  cancel(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.shifts.cancelSignup(actor, id);
  }

  @Post('calendar-feed')
  @AnyAccount()
  @ApiOperation({
    summary: 'A new address of my shifts as an iCalendar feed, for a phone’s calendar',
    description: 'The address carries a secret; shown once, a new one replaces the old.',
  })
  @ApiCreatedResponse({ type: CalendarFeedResponse })
  calendarFeed(@CurrentActor() actor: Actor) {
    return this.shifts.newCalendarFeed(actor);
  }

  @Get('calendar/:token')
  @Public()
  @ApiOperation({ summary: 'A volunteer’s shifts as iCalendar (the feed’s secret address)' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'An iCalendar feed', schema: { type: 'string' } })
  @ApiNotFoundResponse({ type: ProblemResponse })
  async calendar(
    @Param('token') token: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const feed = await this.shifts.calendarFeed(token);
    void reply.type('text/calendar; charset=utf-8').header('cache-control', 'no-store');
    return feed;
  }

  @Get('hours')
  @SelfOrStaff('volunteering')
  @ApiOperation({ summary: 'Hours logged: my own for members, anyone’s for coordinators' })
  @ApiOkResponse({ type: HoursPage })
  hours(@CurrentActor() actor: Actor, @Query() query: HoursQuery) {
    return this.hoursService.hours(actor, query);
  }

  @Post('hours/:id/decision')
  @Staff('volunteering')
  @ApiOperation({ summary: 'Approve logged hours, or decline them with a reason' })
  @ApiCreatedResponse({ type: HoursResponse })
  @ApiConflictResponse({ type: ProblemResponse })
  decideHours(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: DecideHoursDto,
  ) {
    return this.hoursService.decideHours(actor, id, dto);
  }

  @Get('credit-proposals')
  @SelfOrStaff('volunteering')
  @ApiOperation({ summary: 'CPD credits approved hours propose: my own for members' })
  @ApiOkResponse({ type: ProposalPage })
  proposals(@CurrentActor() actor: Actor, @Query() query: ProposalsQuery) {
    return this.hoursService.proposals(actor, query);
  }

  @Post('credit-proposals/:id/decision')
  @SelfOrStaff('volunteering')
  @ApiOperation({
    summary:
      'Accept proposed credits into the CPD record (counted everywhere they fit), or decline',
  })
  @ApiCreatedResponse({ type: ProposalResponse })
  @ApiConflictResponse({ type: ProblemResponse })
  decideProposal(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: DecideProposalDto,
  ) {
    return this.hoursService.decideProposal(actor, id, dto);
  }

  @Get('credit-rules')
  @Staff('volunteering')
  @ApiOperation({ summary: 'How hours become CPD credits, rule by rule from its day' })
  @ApiOkResponse({ type: [CreditRuleResponse] })
  creditRules() {
    return this.hoursService.creditRules();
  }

  @Post('credit-rules')
  @Staff('configuration')
  @ApiOperation({ summary: 'A new rule of hours per credit from a day on' })
  @ApiCreatedResponse({ type: [CreditRuleResponse] })
  @ApiConflictResponse({ type: ProblemResponse })
  addCreditRule(@CurrentActor() actor: Actor, @Body() dto: CreateCreditRuleDto) {
    return this.hoursService.addCreditRule(actor, dto);
  }

  @Get('reports/hours')
  @Staff('volunteering')
  @ApiOperation({
    summary: 'Approved hours by program, chapter or person (Accept: text/csv for CSV)',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: [HoursReportRow] })
  async hoursReport(
    @Query() query: HoursReportQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HoursReportRow[] | string> {
    const rows = await this.hoursService.hoursReport(query);
    if (!accept?.includes('text/csv')) return rows;
    void reply.type('text/csv; charset=utf-8');
    return this.hoursService.hoursReportCsv(rows);
  }
}
