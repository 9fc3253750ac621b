import { Controller, Get, Param, type StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SelfOrStaff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import { UuidParam } from 'src/common/validation/validation';
import { EvidenceResponse, ServesEvidenceFile } from 'src/evidence/dto/evidence.dto';
import { asDownload } from 'src/evidence/evidence.port';
import { EvidenceService } from 'src/evidence/evidence.service';

@ApiTags('evidence')
@Controller('evidence')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Get(':id')
  @SelfOrStaff('education')
  @ApiOperation({
    summary: 'An evidence document: name, type, size, SHA-256 (staff and the owner)',
  })
  @ApiOkResponse({ type: EvidenceResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  describe(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.evidence.describe(actor, id);
  }

  @Get(':id/content')
  @SelfOrStaff('education')
  @ServesEvidenceFile('Download the file itself (staff and the owner)')
  async download(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
  ): Promise<StreamableFile> {
    return asDownload(await this.evidence.open(actor, id));
  }
}
