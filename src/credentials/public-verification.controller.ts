import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from 'src/auth/decorators/auth.decorator';
import { PublicCache } from 'src/common/http/public-cache';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import {
  PublicCredentialResponse,
  PublicCredentialSearch,
  PublicCredentialSearchResult,
} from 'src/credentials/dto/public-credential.dto';
import { PublicVerificationService } from 'src/credentials/public-verification.service';

/** Anyone may check a credential: no login, rate-limited per IP, public fields only. */
@ApiTags('public verification')
@Controller('public/credentials')
@Public()
export class PublicVerificationController {
  constructor(private readonly verification: PublicVerificationService) {}

  @Get()
  @PublicCache()
  @ApiOperation({
    summary: 'Find verified credentials by holder name, with profession and chapter filters',
  })
  @ApiOkResponse({ type: PublicCredentialSearchResult })
  search(@Query() query: PublicCredentialSearch) {
    return this.verification.search(query);
  }

  @Get(':number')
  @PublicCache()
  @ApiOperation({ summary: 'Check one credential by its number' })
  @ApiOkResponse({ type: PublicCredentialResponse })
  @ApiNotFoundResponse({
    type: ProblemResponse,
    description: 'No verified credential has this number',
  })
  byNumber(@Param('number') number: string) {
    return this.verification.byNumber(number);
  }
}
