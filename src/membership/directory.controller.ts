import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from 'src/auth/decorators/auth.decorator';
import { PublicCache } from 'src/common/http/public-cache';
import { DirectoryPage, DirectoryQuery } from 'src/membership/dto/directory.dto';
import { DirectoryService } from 'src/membership/directory.service';

@ApiTags('public')
@Controller('directory')
@Public()
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @PublicCache()
  @ApiOperation({
    summary: 'The public directory of members who opted in: by name, chapter, speciality',
  })
  @ApiOkResponse({ type: DirectoryPage })
  search(@Query() query: DirectoryQuery) {
    return this.directory.search(query);
  }
}
