import { Body, Controller, Get, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AnyAccount, Staff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { ChaptersService } from 'src/chapters/chapters.service';
import { ChapterResponse, CreateChapterDto } from 'src/chapters/dto/create-chapter.dto';
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
}
