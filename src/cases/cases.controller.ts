import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  Patch,
  Post,
  Query,
  type StreamableFile,
} from '@nestjs/common';
import {
  ApiHeader,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AnyAccount, Public, SelfOrStaff, Staff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { AccountActor, Actor } from 'src/auth/principal';
import { CaseConfigurationService } from 'src/cases/case-configuration.service';
import { CasesService } from 'src/cases/cases.service';
import { CaseClocksService } from 'src/cases/case-clocks.service';
import { CaseStaffingService } from 'src/cases/case-staffing.service';
import { CaseDocumentsService, COMPLAINANT_FILES_PER_CASE } from 'src/cases/case-documents.service';
import { UploadedFile, type Upload } from 'src/common/http/upload';
import {
  EvidenceResponse,
  ServesEvidenceFile,
  TakesEvidenceFile,
} from 'src/evidence/dto/evidence.dto';
import { asDownload } from 'src/evidence/evidence.port';
import {
  SanctionRulingDto,
  AssignCaseDto,
  CaseAnswerDto,
  CaseNoteDto,
  CasePage,
  CaseRecusalResponse,
  ClockActionDto,
  CreateProcedureDto,
  CreateSanctionTypeDto,
  DueClockResponse,
  NoticeDto,
  ProcedureResponse,
  ProfessionQuery,
  EthicsStandingResponse,
  StandingQuery,
  RecuseDto,
  SanctionTypeResponse,
  UpdateProcedureDto,
  UpdateSanctionTypeDto,
  CaseResponse,
  CasesQuery,
  ComplaintReceipt,
  LodgeComplaintDto,
  LodgeOnBehalfDto,
  MatchRespondentDto,
  MoveCaseDto,
} from 'src/cases/dto/case.dto';
import { StrictRateLimit } from 'src/common/http/throttling';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import { UuidParam } from 'src/common/validation/validation';

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly clocks: CaseClocksService,
    private readonly staffing: CaseStaffingService,
    private readonly configuration: CaseConfigurationService,
    private readonly documents: CaseDocumentsService,
  ) {}

  @Post('complaints')
  @Public()
  @StrictRateLimit()
  @ApiOperation({
    summary: 'Lodge a complaint about a professional (no login)',
    description:
      'Name the professional by member number or credential number. The answer is a reference and a short receipt; your contact details stay confidential unless you agree otherwise.',
  })
  @ApiCreatedResponse({ type: ComplaintReceipt })
  @ApiUnprocessableEntityResponse({ type: ProblemResponse, description: 'Unknown number' })
  lodge(@CurrentActor() actor: Actor, @Body() dto: LodgeComplaintDto) {
    return this.cases.lodge(actor, dto, false);
  }

  @Post('complaints/:reference/evidence')
  @Public()
  @StrictRateLimit()
  @ApiOperation({
    summary:
      "The complainant adds an evidence file to their complaint (no login: the receipt's key)",
    description: `A PDF, JPEG or PNG, while the case is open; up to ${COMPLAINANT_FILES_PER_CASE} files. An unknown reference and a wrong key get the same 404.`,
  })
  @ApiHeader({
    name: 'complaint-key',
    required: true,
    description: 'The evidenceKey of the receipt',
  })
  @TakesEvidenceFile()
  @ApiNotFoundResponse({ type: ProblemResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'The case is closed, or full' })
  addComplaintEvidence(
    @CurrentActor() actor: Actor,
    @Param('reference') reference: string,
    @Headers('complaint-key') key: string | undefined,
    @UploadedFile() upload: Upload,
  ) {
    return this.documents.fromComplainant(actor, reference, key, upload);
  }

  @Post('complaints/on-behalf')
  @Staff('cases')
  @ApiOperation({
    summary: "Lodge a complaint on a complainant's behalf (a person record or a name will do)",
  })
  @ApiCreatedResponse({ type: ComplaintReceipt })
  lodgeOnBehalf(@CurrentActor() actor: Actor, @Body() dto: LodgeOnBehalfDto) {
    return this.cases.lodge(actor, dto, true);
  }

  @Get()
  @Staff('cases')
  @ApiOperation({ summary: 'Cases: all for an admin, those assigned for an ethics officer' })
  @ApiOkResponse({ type: CasePage })
  list(@CurrentActor() actor: Actor, @Query() query: CasesQuery) {
    return this.cases.list(actor, query);
  }

  @Get('sanction-types')
  @AnyAccount()
  @ApiOperation({ summary: 'The sanctions the procedure knows, and what each does when final' })
  @ApiOkResponse({ type: [SanctionTypeResponse] })
  sanctionTypes(@Query() query: ProfessionQuery) {
    return this.configuration.sanctionTypes(query);
  }

  @Post('sanction-types')
  @Staff('configuration')
  @ApiOperation({
    summary: 'Add a sanction type (a suspension says its shortest and longest term)',
  })
  @ApiCreatedResponse({ type: SanctionTypeResponse })
  createSanctionType(@CurrentActor() actor: Actor, @Body() dto: CreateSanctionTypeDto) {
    return this.configuration.createSanctionType(actor, dto);
  }

  @Patch('sanction-types/:id')
  @Staff('configuration')
  @ApiOperation({
    summary: 'Correct a sanction type: its name, term, public flag, use (never its code or effect)',
  })
  @ApiOkResponse({ type: SanctionTypeResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  correctSanctionType(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: UpdateSanctionTypeDto,
  ) {
    return this.configuration.correctSanctionType(actor, id, dto);
  }

  @Get('standing/:personId')
  @SelfOrStaff('cases')
  @ApiOperation({
    summary:
      "A person's ethics standing (good, under investigation, sanctioned), today or on a day",
    description:
      'Confidential: "under investigation" is shown to the person and to ethics staff only; anyone else\'s answers as missing to a member.',
  })
  @ApiOkResponse({ type: EthicsStandingResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  standing(
    @CurrentActor() actor: Actor,
    @Param('personId', UuidParam('personId')) personId: string,
    @Query() query: StandingQuery,
  ) {
    return this.cases.standing(actor, personId, query.asOf);
  }

  @Get('procedures')
  @AnyAccount()
  @ApiOperation({ summary: "The procedure's deadlines, in dated versions" })
  @ApiOkResponse({ type: [ProcedureResponse] })
  procedures(@Query() query: ProfessionQuery) {
    return this.configuration.procedures(query);
  }

  @Post('procedures')
  @Staff('configuration')
  @ApiOperation({ summary: "A new version of the procedure's deadlines, from its date on" })
  @ApiCreatedResponse({ type: ProcedureResponse })
  createProcedure(@CurrentActor() actor: Actor, @Body() dto: CreateProcedureDto) {
    return this.configuration.createProcedure(actor, dto);
  }

  @Patch('procedures/:id')
  @Staff('configuration')
  @ApiOperation({
    summary: 'Correct a version of the procedure before it takes effect (its date, its clocks)',
  })
  @ApiOkResponse({ type: ProcedureResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  @ApiConflictResponse({ type: ProblemResponse })
  correctProcedure(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: UpdateProcedureDto,
  ) {
    return this.configuration.correctProcedure(actor, id, dto);
  }

  @Get('due')
  @Staff('cases')
  @ApiOperation({ summary: 'Clocks running on my cases, soonest due first, overdue flagged' })
  @ApiOkResponse({ type: [DueClockResponse] })
  due(@CurrentActor() actor: Actor) {
    return this.clocks.due(actor);
  }

  @Get('mine')
  @AnyAccount()
  @ApiOperation({ summary: 'Cases about me, without their confidential parts' })
  @ApiOkResponse({ type: CasePage })
  mine(@CurrentActor() actor: Actor, @Query() query: CasesQuery) {
    return this.cases.mine(actor, query);
  }

  @Get(':id')
  @AnyAccount()
  @ApiOperation({
    summary: 'One case with its timeline',
    description:
      'For admins, the ethics officers assigned and (redacted) the respondent; anyone else gets 404. Every read by staff is kept.',
  })
  @ApiOkResponse({ type: CaseResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.cases.get(actor, id);
  }

  @Post(':id/moves')
  @Staff('cases')
  @ApiOperation({ summary: 'Move the case one step of the procedure, with a reason' })
  @ApiCreatedResponse({ type: CaseResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Not a step from where it stands' })
  move(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: MoveCaseDto,
  ) {
    return this.cases.move(actor, id, dto);
  }

  @Post(':id/sanctions/:sanctionId/ruling')
  @Staff('cases')
  @ApiOperation({
    summary:
      'Record the ruling of the body that decides a sanction the panel proposed (upheld or rejected), with its day and reference',
  })
  @ApiCreatedResponse({ type: CaseResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Not a referred sanction, or ruled' })
  rule(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Param('sanctionId', UuidParam('sanctionId')) sanctionId: string,
    @Body() dto: SanctionRulingDto,
  ) {
    return this.cases.rule(actor, id, sanctionId, dto);
  }

  @Post(':id/notes')
  @Staff('cases')
  @ApiOperation({
    summary: "Add a note to the case's timeline (confidential: kept from the respondent)",
  })
  @ApiCreatedResponse({ type: CaseResponse })
  note(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: CaseNoteDto,
  ) {
    return this.cases.note(actor, id, dto);
  }

  @Post(':id/answers')
  @AnyAccount()
  @ApiOperation({ summary: 'The respondent answers the case' })
  @ApiCreatedResponse({ type: CaseResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  answer(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: CaseAnswerDto,
  ) {
    return this.cases.answer(actor, id, dto);
  }

  @Post(':id/notices')
  @Staff('cases')
  @ApiOperation({
    summary: 'Record a notice sent to the respondent (it stops the clock waiting for it)',
  })
  @ApiCreatedResponse({ type: CaseResponse })
  notice(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: NoticeDto,
  ) {
    return this.cases.notice(actor, id, dto);
  }

  @Post(':id/clocks/:name/:action')
  @Staff('cases')
  @ApiOperation({ summary: 'Pause, resume or extend a running clock, with a reason' })
  @ApiParam({ name: 'action', enum: ['pause', 'resume', 'extend'] })
  @ApiCreatedResponse({ type: CaseResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'No such clock running' })
  clock(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Param('name') name: string,
    @Param('action') action: string,
    @Body() dto: ClockActionDto,
  ) {
    return this.clocks.clock(actor, id, name, action, dto);
  }

  @Post(':id/recusals')
  @Staff('cases')
  @ApiOperation({
    summary: 'Declare a conflict of interest: the caller is off the case from now on',
  })
  @ApiCreatedResponse({ type: CaseRecusalResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  recuse(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: RecuseDto,
  ) {
    return this.staffing.recuse(actor, id, dto);
  }

  @Post(':id/respondent')
  @Staff('cases')
  @ApiOperation({
    summary: 'Match a complaint that named the professional by name alone to their person record',
  })
  @ApiCreatedResponse({ type: CaseResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Already matched, or closed' })
  @ApiUnprocessableEntityResponse({ type: ProblemResponse, description: 'No such person' })
  matchRespondent(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: MatchRespondentDto,
  ) {
    return this.cases.matchRespondent(actor, id, dto);
  }

  @Post(':id/documents')
  @Staff('cases')
  @ApiOperation({ summary: 'Add a document to the case (kept from the respondent)' })
  @TakesEvidenceFile()
  addDocument(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @UploadedFile() upload: Upload,
  ) {
    return this.documents.fromOfficer(actor, id, upload);
  }

  @Get(':id/documents')
  @Staff('cases')
  @ApiOperation({ summary: "The case's documents (its officers and admins)" })
  @ApiOkResponse({ type: [EvidenceResponse] })
  @ApiNotFoundResponse({ type: ProblemResponse })
  listDocuments(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.documents.list(actor, id);
  }

  @Get(':id/documents/:documentId/content')
  @Staff('cases')
  @ServesEvidenceFile("Download one of the case's documents (its officers and admins)")
  async downloadDocument(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Param('documentId', UuidParam('documentId')) documentId: string,
  ): Promise<StreamableFile> {
    return asDownload(await this.documents.open(actor, id, documentId));
  }

  @Post(':id/assignments')
  @Staff('caseAssignment')
  @ApiOperation({ summary: 'Assign an ethics officer to run the case or sit on its panel' })
  @ApiCreatedResponse({ type: CaseResponse })
  assign(
    @CurrentActor() actor: AccountActor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: AssignCaseDto,
  ) {
    return this.staffing.assign(actor, id, dto);
  }
}
