import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LANGUAGES, type Language } from 'src/common/languages';
import { PageOf } from 'src/common/paging';

export class PersonResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Siti Rahayu' }) fullName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) email: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) phone: string | null;
  @ApiPropertyOptional({ enum: LANGUAGES, nullable: true }) language: Language | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '1988-04-17' }) birthDate:
    string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Present for staff and the person only',
  })
  nationalId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) chapterId: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class PersonPage extends PageOf(PersonResponse) {}
