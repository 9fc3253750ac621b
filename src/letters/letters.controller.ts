import {
  Body,
  Controller,
  Get,
  Header,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public, SelfOrStaff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import { UuidParam } from 'src/common/validation/validation';
import {
  IssueLetterDto,
  LetterPage,
  LetterResponse,
  LettersQuery,
} from 'src/letters/dto/letter.dto';
import { LettersService } from 'src/letters/letters.service';

@ApiTags('letters')
@Controller('letters')
export class LettersController {
  constructor(private readonly letters: LettersService) {}

  @Post()
  @SelfOrStaff('letters')
  @ApiOperation({
    summary:
      'Issue a recommendation letter (rekomendasi) to a member in good standing with every requirement met',
  })
  @ApiCreatedResponse({ type: LetterResponse })
  @ApiUnprocessableEntityResponse({
    type: ProblemResponse,
    description: 'Refused, each reason named',
  })
  issue(@CurrentActor() actor: Actor, @Body() dto: IssueLetterDto) {
    return this.letters.issue(actor, dto);
  }

  @Get()
  @SelfOrStaff('letters')
  @ApiOperation({ summary: 'Recommendation letters: my own for members, anyone’s for staff' })
  @ApiOkResponse({ type: LetterPage })
  list(@CurrentActor() actor: Actor, @Query() query: LettersQuery) {
    return this.letters.list(actor, query);
  }

  @Get('verify/:number')
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header(
    'content-security-policy',
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  )
  @Header('cache-control', 'no-store')
  @ApiProduces('text/html')
  @ApiOperation({
    summary:
      'Web page of a letter (the QR target): genuine or not, and still valid today or why not',
  })
  @ApiOkResponse({ description: 'An HTML page', schema: { type: 'string' } })
  @ApiNotFoundResponse({
    description: 'An HTML page: no letter has this number',
    schema: { type: 'string' },
  })
  async verify(
    @Param('number') number: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const page = await this.letters.publicPage(number);
    void reply.status(page.status);
    return page.html;
  }

  @Get(':id/letter.pdf')
  @SelfOrStaff('letters')
  @ApiOperation({
    summary: 'The letter as a PDF, with its number and a QR code to its public page',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The letter', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ProblemResponse })
  async pdf(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
  ): Promise<StreamableFile> {
    const { number, pdf } = await this.letters.pdf(actor, id);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `inline; filename="${number}.pdf"`,
    });
  }
}
