import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
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
import { AnyAccount, SelfOrStaff, Staff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import { UuidParam } from 'src/common/validation/validation';
import { CpdComplianceService } from 'src/cpd/cpd-compliance.service';
import { CpdService, transcriptCsv } from 'src/cpd/cpd.service';
import {
  ComplianceQuery,
  ComplianceResponse,
  CpdClaimPage,
  CpdClaimResponse,
  CpdClaimsQuery,
  CpdPolicyResponse,
  CreateCpdPolicyDto,
  DecideCpdClaimDto,
  ResubmitCpdClaimDto,
  SubmitCpdClaimDto,
  TranscriptQuery,
  TranscriptResponse,
  WhatIfDto,
} from 'src/cpd/dto/cpd.dto';

@ApiTags('cpd')
@Controller('cpd')
export class CpdController {
  constructor(
    private readonly cpd: CpdService,
    private readonly compliance: CpdComplianceService,
  ) {}

  @Get('compliance')
  @Staff('cpd')
  @ApiOperation({
    summary:
      'Who is behind on a policy, with figures per obligation (Accept: text/csv for every one, streamed)',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ComplianceResponse })
  async complianceReport(
    @Query() query: ComplianceQuery,
    @Headers('accept') accept: string | undefined,
  ): Promise<ComplianceResponse | StreamableFile> {
    if (!accept?.includes('text/csv')) {
      return this.compliance.report(query.policy, query.limit, query.profession);
    }
    return new StreamableFile(await this.compliance.csv(query.policy, query.profession), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="cpd-compliance-${query.policy}.csv"`,
    });
  }

  @Get('policies')
  @AnyAccount()
  @ApiOperation({ summary: 'The CPD policies, each in its dated versions' })
  @ApiOkResponse({ type: [CpdPolicyResponse] })
  policies() {
    return this.cpd.policies();
  }

  @Post('policies')
  @Staff('configuration')
  @ApiOperation({
    summary: 'Add a policy, or a new version of one: cycles beginning from its date read it',
  })
  @ApiCreatedResponse({ type: CpdPolicyResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'A version from that day exists' })
  @ApiUnprocessableEntityResponse({ type: ProblemResponse, description: 'Rules that contradict' })
  addPolicy(@CurrentActor() actor: Actor, @Body() dto: CreateCpdPolicyDto) {
    return this.cpd.addPolicy(actor, dto);
  }

  @Post('claims')
  @SelfOrStaff('cpd')
  @ApiOperation({ summary: 'Claim credits for activity outside the accredited list' })
  @ApiCreatedResponse({ type: CpdClaimResponse })
  @ApiUnprocessableEntityResponse({ type: ProblemResponse, description: 'Unknown domain' })
  submitClaim(@CurrentActor() actor: Actor, @Body() dto: SubmitCpdClaimDto) {
    return this.cpd.submitClaim(actor, dto);
  }

  @Get('claims')
  @SelfOrStaff('cpd')
  @ApiOperation({ summary: "Claims: my own, or anyone's for CPD staff (filters)" })
  @ApiOkResponse({ type: CpdClaimPage })
  listClaims(@CurrentActor() actor: Actor, @Query() query: CpdClaimsQuery) {
    return this.cpd.listClaims(actor, query);
  }

  @Get('claims/:id')
  @SelfOrStaff('cpd')
  @ApiOperation({ summary: 'One claim' })
  @ApiOkResponse({ type: CpdClaimResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  getClaim(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.cpd.getClaim(actor, id);
  }

  @Post('claims/:id/decision')
  @Staff('cpd')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve (the credits granted may differ), reject or send back a claim, with a reason',
  })
  @ApiOkResponse({ type: CpdClaimResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Not a submitted claim' })
  decideClaim(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: DecideCpdClaimDto,
  ) {
    return this.cpd.decideClaim(actor, id, dto);
  }

  @Post('claims/:id/resubmission')
  @SelfOrStaff('cpd')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a claim back in with the information asked for' })
  @ApiOkResponse({ type: CpdClaimResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Not sent back for information' })
  resubmitClaim(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: ResubmitCpdClaimDto,
  ) {
    return this.cpd.resubmitClaim(actor, id, dto);
  }

  @Get('transcript')
  @SelfOrStaff('cpd')
  @ApiOperation({
    summary: 'Where a person stands on each CPD obligation, with the credits behind every figure',
  })
  @ApiOkResponse({ type: TranscriptResponse })
  @ApiProduces('application/json', 'text/csv')
  async transcript(
    @CurrentActor() actor: Actor,
    @Query() query: TranscriptQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TranscriptResponse | string> {
    const transcript = await this.cpd.transcript(actor, query.personId);
    if (!accept?.includes('text/csv')) return transcript;
    void reply.type('text/csv; charset=utf-8');
    return transcriptCsv(transcript);
  }

  @Post('transcript/what-if')
  @SelfOrStaff('cpd')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The transcript as it would be with these activities added (nothing is saved)',
  })
  @ApiOkResponse({ type: TranscriptResponse })
  whatIf(@CurrentActor() actor: Actor, @Body() dto: WhatIfDto) {
    return this.cpd.whatIf(actor, dto);
  }
}
