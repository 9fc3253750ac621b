import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AnyAccount, Staff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { ChaptersService } from 'src/chapters/chapters.service';
import {
  ChapterResponse,
  CreateChapterDto,
  UpdateChapterDto,
} from 'src/chapters/dto/create-chapter.dto';
import { UuidParam } from 'src/common/validation/validation';
import { ProblemResponse } from 'src/common/openapi/problem.schema';

@ApiTags('chapters')
@Controller('chapters')
export class ChaptersController {
  constructor(private readonly chapters: ChaptersService) {}

  @Get()
  @AnyAccount()
  @ApiOperation({ summary: 'All chapters (branches and regions)' })
  @ApiOkResponse({ type: [ChapterResponse] })
  list() {
    return this.chapters.list();
  }

  @Post()
  @Staff('configuration')
  @ApiOperation({ summary: 'Add a chapter' })
  @ApiCreatedResponse({ type: ChapterResponse })
  @ApiConflictResponse({
    type: ProblemResponse,
    description: 'Code already used, or unknown parent',
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateChapterDto) {
    return this.chapters.create(actor, dto);
  }

  @Patch(':id')
  @Staff('configuration')
  @ApiOperation({ summary: 'Rename a chapter or move it to another region (its code stays)' })
  @ApiOkResponse({ type: ChapterResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  @ApiConflictResponse({
    type: ProblemResponse,
    description: 'The move would place the chapter under itself, or the parent does not exist',
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: UpdateChapterDto,
  ) {
    return this.chapters.update(actor, id, dto);
  }
}
