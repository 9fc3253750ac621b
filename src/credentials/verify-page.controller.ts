import { applyDecorators, Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from 'src/auth/decorators/auth.decorator';
import { PublicCache } from 'src/common/http/public-cache';
import { VerifyPageService } from 'src/credentials/verify-page.service';

/** HTML that loads nothing from elsewhere, runs no script and cannot be framed. */
const HtmlPage = () =>
  applyDecorators(
    Header('content-type', 'text/html; charset=utf-8'),
    Header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    ),
    Header('referrer-policy', 'no-referrer'),
    Header('x-content-type-options', 'nosniff'),
    ApiProduces('text/html'),
    ApiOkResponse({ description: 'An HTML page', schema: { type: 'string' } }),
  );

/**
 * The public web page: /verify to search, /verify/{number} for one credential (the QR target).
 * HTML for people; listed in the OpenAPI document like every route.
 */
@ApiTags('public verification')
@Controller('verify')
@Public()
export class VerifyPageController {
  constructor(private readonly pages: VerifyPageService) {}

  @Get()
  @HtmlPage()
  @ApiOperation({ summary: 'Web page: search by number (redirects to its page) or by name' })
  @ApiQuery({ name: 'number', required: false })
  @ApiQuery({ name: 'name', required: false })
  @ApiResponse({ status: 303, description: 'A number search: to the credential page (Location)' })
  async start(
    @Query('number') number: string | undefined,
    @Query('name') name: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const page = await this.pages.start(number, name);
    void reply.status(page.status).header('cache-control', page.cacheControl);
    if (page.redirect) void reply.header('location', page.redirect);
    return page.html;
  }

  @Get(':number')
  @HtmlPage()
  @PublicCache()
  @ApiOperation({
    summary: 'Web page of one credential, with its status in plain words (the QR target)',
  })
  async credential(
    @Param('number') number: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const page = await this.pages.credential(number);
    void reply.status(page.status).header('cache-control', page.cacheControl);
    return page.html;
  }
}
