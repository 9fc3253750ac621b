import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOf } from 'src/common/paging';

export class PersonResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Siti Rahayu' }) fullName: string;
  @ApiPropertyOptional({ nullable: true }) email: string | null;
  @ApiPropertyOptional({ nullable: true }) phone: string | null;
  @ApiPropertyOptional({ nullable: true, example: '1988-04-17' }) birthDate: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Present for staff and the person only' })
  nationalId?: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'uuid' }) chapterId: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class PersonPage extends PageOf(PersonResponse) {}
