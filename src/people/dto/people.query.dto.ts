import { SearchText } from 'src/common/validation/fields';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from 'src/common/paging';

export class PeopleQuery extends PageQuery {
  @SearchText(100) readonly name?: string;

  @ApiPropertyOptional({ example: 'siti@example.org' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  readonly email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(32)
  readonly nationalId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  readonly chapterId?: string;
}
