import { SearchText } from 'src/common/validation/fields';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class DirectoryQuery {
  @SearchText(100) readonly name?: string;

  @ApiPropertyOptional({ example: 'JKT', description: 'Chapter code' })
  @IsOptional()
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,19}$/, { message: 'chapter must be a chapter code such as JKT' })
  readonly chapter?: string;

  @ApiPropertyOptional({ example: 'DOKTER', description: 'Profession code (GET /professions)' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_-]{0,39}$/, {
    message: 'profession must be a profession code such as DOKTER',
  })
  readonly profession?: string;

  @SearchText(120, 'Part of the speciality, e.g. Penyakit Dalam') readonly speciality?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  readonly page: number = 1;
}

export class DirectoryEntry {
  @ApiProperty({ example: 'Siti Rahayu' }) fullName: string;
  @ApiProperty({ example: 'JKT-2026-000042' }) memberNumber: string;
  @ApiProperty({ example: 'Anggota biasa (ordinary)' }) category: string;
  @ApiProperty({ example: 'JKT' }) chapterCode: string;
  @ApiProperty({ example: 'IDI Cabang Jakarta Pusat' }) chapterName: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Penyakit Dalam' }) speciality:
    string | null;
  @ApiProperty({ example: '2026-11-22' }) memberSince: string;
}

export class DirectoryPage {
  @ApiProperty({ type: [DirectoryEntry] }) items: DirectoryEntry[];
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
  @ApiProperty({ description: 'Whether another page follows' }) hasMore: boolean;
}
