import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyAccount, Public } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { UuidParam } from 'src/common/validation/validation';
import { VerifiableCredentialsService } from 'src/credentials/verifiable/verifiable-credentials.service';

@ApiTags('verifiable credentials')
@Controller()
export class VerifiableCredentialsController {
  constructor(private readonly vcs: VerifiableCredentialsService) {}

  @Get('contexts/v1')
  @Public()
  @Header('content-type', 'application/ld+json')
  @Header('cache-control', 'public, max-age=86400')
  @ApiOperation({ summary: "Guildhall's JSON-LD context for its credentials' own terms" })
  @ApiOkResponse({ description: 'A JSON-LD context', schema: { type: 'object' } })
  context() {
    return this.vcs.context();
  }

  @Get('credentials/:id/vc')
  @AnyAccount()
  @ApiOperation({
    summary: 'The credential as a signed W3C Verifiable Credential 2.0 (holder and staff)',
  })
  @ApiOkResponse({
    description: 'A Verifiable Credential with a Data Integrity proof',
    schema: { type: 'object' },
  })
  issue(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.vcs.issue(actor, id);
  }
}
