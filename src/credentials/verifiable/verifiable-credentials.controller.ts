import { Controller, Get, Header, Param, type PipeTransform } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public, SelfOrStaff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { UuidParam } from 'src/common/validation/validation';
import { VerifiableCredentialsService } from 'src/credentials/verifiable/verifiable-credentials.service';
import {
  MAX_STATUS_LISTS,
  STATUS_PURPOSES,
  type StatusPurpose,
} from 'src/credentials/verifiable/status-lists';
import { AppError } from 'src/common/errors/app-error';
import { PublicCache } from 'src/common/http/public-cache';

/** Unknown purposes and list numbers are simply not found. */
class StatusPurposePipe implements PipeTransform<string, StatusPurpose> {
  transform(value: string): StatusPurpose {
    if (!(STATUS_PURPOSES as readonly string[]).includes(value))
      throw new AppError('not-found', `No status list "${value}"`);
    return value as StatusPurpose;
  }
}

class ListNumberPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    // Positions are PostgreSQL integers: past MAX_STATUS_LISTS no list can exist.
    if (!/^[1-9]\d{0,5}$/.test(value) || Number(value) > MAX_STATUS_LISTS)
      throw new AppError('not-found', `No status list number ${value}`);
    return Number(value);
  }
}

@ApiTags('verifiable credentials')
@Controller()
export class VerifiableCredentialsController {
  constructor(private readonly vcs: VerifiableCredentialsService) {}

  @Get('contexts/v1')
  @Public()
  @Header('content-type', 'application/ld+json')
  @Header('cache-control', 'public, max-age=86400')
  @ApiOperation({ summary: "Guildhall's JSON-LD context for its credentials' own terms" })
  @ApiProduces('application/ld+json')
  @ApiOkResponse({ description: 'A JSON-LD context', schema: { type: 'object' } })
  context() {
    return this.vcs.context();
  }

  @Get('status/:purpose/:list')
  @Public()
  @PublicCache()
  @ApiOperation({
    summary: 'A signed Bitstring Status List (revocation or suspension) of credentials issued here',
  })
  @ApiOkResponse({ description: 'A BitstringStatusListCredential', schema: { type: 'object' } })
  statusList(
    @Param('purpose', StatusPurposePipe) purpose: StatusPurpose,
    @Param('list', ListNumberPipe) list: number,
  ) {
    return this.vcs.statusList(purpose, list);
  }

  @Get('credentials/:id/vc')
  @SelfOrStaff('credentials')
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
