import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Staff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import {
  LoadPackQuery,
  SeedPackDto,
  SeedPackLoadResponse,
  ShippedSeedPackResponse,
} from 'src/seed-packs/dto/seed-pack.dto';
import { SeedPacksService } from 'src/seed-packs/seed-packs.service';

@ApiTags('configuration')
@Controller('seed-packs')
export class SeedPacksController {
  constructor(private readonly packs: SeedPacksService) {}

  @Get()
  @Staff('configuration')
  @ApiOperation({
    summary:
      'The configuration packs shipped with Guildhall and those imported here, and what each holds',
  })
  @ApiOkResponse({ type: [ShippedSeedPackResponse] })
  list() {
    return this.packs.list();
  }

  @Get('shipped/:name')
  @Staff('configuration')
  @ApiOperation({ summary: 'A shipped pack, whole' })
  @ApiOkResponse({ type: SeedPackDto })
  @ApiNotFoundResponse({ type: ProblemResponse })
  shippedPack(@Param('name') name: string) {
    return this.packs.pack('shipped', name);
  }

  @Get('imported/:name')
  @Staff('configuration')
  @ApiOperation({ summary: 'An imported pack, whole, as last loaded' })
  @ApiOkResponse({ type: SeedPackDto })
  @ApiNotFoundResponse({ type: ProblemResponse })
  importedPack(@Param('name') name: string) {
    return this.packs.pack('imported', name);
  }

  @Post('imported/:name/load')
  @HttpCode(200)
  @Staff('configuration')
  @ApiOperation({ summary: 'Load an imported pack again, as last imported' })
  @ApiOkResponse({ type: SeedPackLoadResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  @ApiUnprocessableEntityResponse({ type: ProblemResponse })
  loadImported(
    @CurrentActor() actor: Actor,
    @Param('name') name: string,
    @Query() query: LoadPackQuery,
  ) {
    return this.packs.loadImported(actor, name, query.dryRun);
  }

  @Get('current')
  @Staff('configuration')
  @ApiOperation({
    summary: 'The configuration in use, as a pack',
    description:
      'What is in use (active, not withdrawn), each part in the shape its admin route takes, references by code: loaded into an empty deployment, it gives the same configuration.',
  })
  @ApiOkResponse({ type: SeedPackDto })
  current() {
    return this.packs.current();
  }

  @Post()
  @HttpCode(200)
  @Staff('configuration')
  @ApiOperation({
    summary:
      'Import a configuration pack: creates what is missing, corrects what it may, keeps the rest; the pack is kept under its name',
    description:
      'All or nothing: a part the admin API would refuse refuses the whole pack, naming the part.',
  })
  @ApiOkResponse({ type: SeedPackLoadResponse })
  @ApiUnprocessableEntityResponse({ type: ProblemResponse })
  import(@CurrentActor() actor: Actor, @Body() pack: SeedPackDto, @Query() query: LoadPackQuery) {
    return this.packs.importPack(actor, pack, query.dryRun);
  }

  @Post(':name/load')
  @HttpCode(200)
  @Staff('configuration')
  @ApiOperation({ summary: 'Load a shipped pack (idi, peradi, pii) into this deployment' })
  @ApiOkResponse({ type: SeedPackLoadResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  @ApiUnprocessableEntityResponse({ type: ProblemResponse })
  loadShipped(
    @CurrentActor() actor: Actor,
    @Param('name') name: string,
    @Query() query: LoadPackQuery,
  ) {
    return this.packs.loadShipped(actor, name, query.dryRun);
  }
}
