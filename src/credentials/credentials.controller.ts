import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
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
} from '@nestjs/swagger';
import { requireAccount } from 'src/auth/access';
import { SelfOrStaff, Staff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { UploadedFile, type Upload } from 'src/common/http/upload';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import { UuidParam } from 'src/common/validation/validation';
import { CredentialsService } from 'src/credentials/credentials.service';
import {
  CredentialPage,
  CredentialResponse,
  CredentialsQuery,
  IssueCredentialDto,
  RecordCredentialDto,
  ResubmitCredentialDto,
  ReviewCredentialDto,
  StatusChangeDto,
  SuspendCredentialDto,
  EndPracticeDto,
} from 'src/credentials/dto/credential.dto';
import { EvidenceResponse, TakesEvidenceFile } from 'src/evidence/dto/evidence.dto';

@ApiTags('credentials')
@Controller('credentials')
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Post('issue')
  @Staff('credentials')
  @ApiOperation({
    summary: 'Issue a credential the association grants; its number comes from the type',
  })
  @ApiCreatedResponse({ type: CredentialResponse })
  @ApiConflictResponse({
    type: ProblemResponse,
    description: 'Not issued here, or over the per-person cap',
  })
  issue(@CurrentActor() actor: Actor, @Body() dto: IssueCredentialDto) {
    return this.credentials.issue(requireAccount(actor), dto);
  }

  @Post('record')
  @SelfOrStaff('credentials')
  @ApiOperation({
    summary:
      'Record a licence issued elsewhere (mine, or staff for a person); it awaits verification',
  })
  @ApiCreatedResponse({ type: CredentialResponse })
  @ApiConflictResponse({
    type: ProblemResponse,
    description: 'Number already recorded, or over the per-person cap',
  })
  record(@CurrentActor() actor: Actor, @Body() dto: RecordCredentialDto) {
    return this.credentials.record(actor, dto);
  }

  @Get()
  @SelfOrStaff('credentials')
  @ApiOperation({ summary: 'Credentials: all for staff (filters), my own for members' })
  @ApiOkResponse({ type: CredentialPage })
  search(@CurrentActor() actor: Actor, @Query() query: CredentialsQuery) {
    return this.credentials.search(actor, query);
  }

  @Get(':id')
  @SelfOrStaff('credentials')
  @ApiOperation({ summary: 'One credential with its periods and events' })
  @ApiOkResponse({ type: CredentialResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.credentials.get(actor, id);
  }

  @Post(':id/review')
  @Staff('credentials')
  @HttpCode(200)
  @ApiOperation({ summary: 'Primary-source verification of a recorded licence: verify or reject' })
  @ApiOkResponse({ type: CredentialResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Already decided' })
  review(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: ReviewCredentialDto,
  ) {
    return this.credentials.review(requireAccount(actor), id, dto);
  }

  @Post(':id/resubmit')
  @SelfOrStaff('credentials')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Correct a rejected licence and send it for verification again (the holder or staff)',
  })
  @ApiOkResponse({ type: CredentialResponse })
  @ApiConflictResponse({
    type: ProblemResponse,
    description: 'Not rejected, or the corrected number is already recorded',
  })
  resubmit(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: ResubmitCredentialDto,
  ) {
    return this.credentials.resubmit(actor, id, dto);
  }

  @Post(':id/suspend')
  @Staff('credentials')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend an active credential, with a reason and an optional end date' })
  @ApiOkResponse({ type: CredentialResponse })
  @ApiConflictResponse({ type: ProblemResponse })
  suspend(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: SuspendCredentialDto,
  ) {
    return this.credentials.suspend(requireAccount(actor), id, dto);
  }

  @Post(':id/reinstate')
  @Staff('credentials')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lift a suspension' })
  @ApiOkResponse({ type: CredentialResponse })
  @ApiConflictResponse({ type: ProblemResponse })
  reinstate(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: StatusChangeDto,
  ) {
    return this.credentials.reinstate(requireAccount(actor), id, dto);
  }

  @Post(':id/revoke')
  @Staff('credentials')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a credential; final' })
  @ApiOkResponse({ type: CredentialResponse })
  @ApiConflictResponse({ type: ProblemResponse })
  revoke(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: StatusChangeDto,
  ) {
    return this.credentials.revoke(requireAccount(actor), id, dto);
  }

  @Post(':id/practice-ended')
  @Staff('credentials')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Practice at its place has ended (a SIP for a place the holder left): it ends after the last day there',
  })
  @ApiOkResponse({ type: CredentialResponse })
  @ApiConflictResponse({ type: ProblemResponse })
  endPractice(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: EndPracticeDto,
  ) {
    return this.credentials.endPractice(requireAccount(actor), id, dto);
  }

  @Get(':id/certificate.pdf')
  @SelfOrStaff('credentials')
  @ApiOperation({
    summary: 'The printable certificate (PDF) with a QR code to its public page (holder and staff)',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The certificate', schema: { type: 'string', format: 'binary' } })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Issued elsewhere, or revoked' })
  async certificate(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
  ): Promise<StreamableFile> {
    const { number, pdf } = await this.credentials.certificate(actor, id);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `inline; filename="${number.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf"`,
    });
  }

  @Post(':id/evidence')
  @SelfOrStaff('credentials')
  @ApiOperation({ summary: 'Attach a PDF, JPEG or PNG of the licence (the holder or staff)' })
  @TakesEvidenceFile()
  attachEvidence(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @UploadedFile() upload: Upload,
  ) {
    return this.credentials.attachEvidence(actor, id, upload);
  }

  @Get(':id/evidence')
  @SelfOrStaff('credentials')
  @ApiOperation({ summary: 'The evidence attached to a credential' })
  @ApiOkResponse({ type: [EvidenceResponse] })
  listEvidence(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.credentials.listEvidence(actor, id);
  }
}
