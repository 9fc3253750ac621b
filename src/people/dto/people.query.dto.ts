import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from 'src/common/paging';

export class PeopleQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'Part of the name; case and accents are ignored',
    example: 'rahayu',
  })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  readonly name?: string;

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
