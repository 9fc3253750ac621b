import { Controller, Get, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SelfOrStaff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { UploadedFile, type Upload } from 'src/common/http/upload';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import { UuidParam } from 'src/common/validation/validation';
import { CpdEvidenceService } from 'src/cpd/cpd-evidence.service';
import {
  EvidenceResponse,
  ServesEvidenceFile,
  TakesEvidenceFile,
} from 'src/evidence/dto/evidence.dto';
import { asDownload } from 'src/evidence/evidence.port';

/** Evidence behind claims and credits: the member who owns them and CPD staff. */
@ApiTags('cpd')
@Controller('cpd')
export class CpdEvidenceController {
  constructor(private readonly evidence: CpdEvidenceService) {}

  @Post('claims/:id/evidence')
  @SelfOrStaff('cpd')
  @ApiOperation({ summary: 'Send evidence with a claim still to be decided' })
  @ApiConflictResponse({ type: ProblemResponse, description: 'The claim is decided' })
  @TakesEvidenceFile()
  attachToClaim(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @UploadedFile() upload: Upload,
  ) {
    return this.evidence.attachToClaim(actor, id, upload);
  }

  @Get('claims/:id/evidence')
  @SelfOrStaff('cpd')
  @ApiOperation({ summary: 'The evidence sent with a claim' })
  @ApiOkResponse({ type: [EvidenceResponse] })
  claimEvidence(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.evidence.claimEvidence(actor, id);
  }

  @Get('claims/:id/evidence/:documentId/content')
  @SelfOrStaff('cpd')
  @ServesEvidenceFile('Download a file sent with a claim')
  async openClaimEvidence(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Param('documentId', UuidParam('documentId')) documentId: string,
  ): Promise<StreamableFile> {
    return asDownload(await this.evidence.openClaimEvidence(actor, id, documentId));
  }

  @Post('credits/:id/evidence')
  @SelfOrStaff('cpd')
  @ApiOperation({ summary: 'Attach evidence of a credit (a certificate): its owner or CPD staff' })
  @TakesEvidenceFile()
  attachToCredit(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @UploadedFile() upload: Upload,
  ) {
    return this.evidence.attachToCredit(actor, id, upload);
  }

  @Get('credits/:id/evidence')
  @SelfOrStaff('cpd')
  @ApiOperation({ summary: "A credit's evidence, with that of the claim it came from" })
  @ApiOkResponse({ type: [EvidenceResponse] })
  creditEvidence(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.evidence.creditEvidence(actor, id);
  }

  @Get('credits/:id/evidence/:documentId/content')
  @SelfOrStaff('cpd')
  @ServesEvidenceFile("Download a file of a credit's evidence")
  async openCreditEvidence(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Param('documentId', UuidParam('documentId')) documentId: string,
  ): Promise<StreamableFile> {
    return asDownload(await this.evidence.openCreditEvidence(actor, id, documentId));
  }
}
