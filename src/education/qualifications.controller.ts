import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { requireAccount } from 'src/auth/access';
import { SelfOrStaff, Staff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import { UploadedFile, type Upload } from 'src/common/http/upload';
import { UuidParam } from 'src/common/validation/validation';
import { EvidenceResponse, TakesEvidenceFile } from 'src/evidence/dto/evidence.dto';
import {
  QualificationPage,
  QualificationResponse,
  QualificationsQuery,
  ReviewQualificationDto,
  SubmitQualificationDto,
  UpdateQualificationDto,
} from 'src/education/dto/qualification.dto';
import { QualificationsService } from 'src/education/qualifications.service';

@ApiTags('education')
@Controller('qualifications')
export class QualificationsController {
  constructor(private readonly qualifications: QualificationsService) {}

  @Post()
  @SelfOrStaff('education')
  @ApiOperation({ summary: 'Submit a diploma for verification (mine, or staff for a person)' })
  @ApiCreatedResponse({ type: QualificationResponse })
  @ApiConflictResponse({
    type: ProblemResponse,
    description: 'Diploma already recorded, or unknown institution',
  })
  submit(@CurrentActor() actor: Actor, @Body() dto: SubmitQualificationDto) {
    return this.qualifications.submit(actor, dto);
  }

  @Get()
  @SelfOrStaff('education')
  @ApiOperation({
    summary: 'Qualifications: the review queue for staff (status=submitted), my own for members',
  })
  @ApiOkResponse({ type: QualificationPage })
  search(@CurrentActor() actor: Actor, @Query() query: QualificationsQuery) {
    return this.qualifications.search(actor, query);
  }

  @Get(':id')
  @SelfOrStaff('education')
  @ApiOperation({ summary: 'One qualification with its decisions' })
  @ApiOkResponse({ type: QualificationResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.qualifications.get(actor, id);
  }

  @Patch(':id')
  @SelfOrStaff('education')
  @ApiOperation({ summary: 'Correct a qualification that is not verified; it is submitted again' })
  @ApiOkResponse({ type: QualificationResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Already verified' })
  correct(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: UpdateQualificationDto,
  ) {
    return this.qualifications.correct(actor, id, dto);
  }

  @Post(':id/evidence')
  @SelfOrStaff('education')
  @ApiOperation({ summary: 'Attach a PDF, JPEG or PNG of the diploma (the owner or staff)' })
  @TakesEvidenceFile()
  attachEvidence(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @UploadedFile() upload: Upload,
  ) {
    return this.qualifications.attachEvidence(actor, id, upload);
  }

  @Get(':id/evidence')
  @SelfOrStaff('education')
  @ApiOperation({ summary: 'The evidence attached to a qualification' })
  @ApiOkResponse({ type: [EvidenceResponse] })
  listEvidence(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.qualifications.listEvidence(actor, id);
  }

  @Post(':id/review')
  @Staff('education')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Verify or reject a submitted qualification, with method, source and reason',
  })
  @ApiOkResponse({ type: QualificationResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Already decided' })
  review(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: ReviewQualificationDto,
  ) {
    return this.qualifications.review(requireAccount(actor), id, dto);
  }
}
