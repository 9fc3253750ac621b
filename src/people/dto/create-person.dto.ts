import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { CalendarDate, FullName, trim } from 'src/common/validation/fields';
import { IsEmail, IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import { LANGUAGES, type Language } from 'src/common/languages';

export class ContactDetailsDto {
  @ApiPropertyOptional({ type: String, example: 'siti@example.org', nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  readonly email?: string | null;

  @ApiPropertyOptional({ type: String, example: '+62 812 3456 7890', nullable: true })
  @IsOptional()
  @Transform(trim)
  @Matches(/^\+?[0-9 ()-]{6,32}$/, {
    message: 'phone must be digits, spaces, ( ) - and an optional leading +',
  })
  readonly phone?: string | null;

  @ApiPropertyOptional({
    enum: LANGUAGES,
    nullable: true,
    description: "The language what is sent to the person is written in (null: the association's)",
  })
  @IsOptional()
  @IsIn(LANGUAGES)
  readonly language?: Language | null;
}

export class CreatePersonDto extends ContactDetailsDto {
  @FullName()
  readonly fullName: string;

  @ApiPropertyOptional({ type: String, example: '1988-04-17', nullable: true })
  @IsOptional()
  @CalendarDate({ notInFuture: true })
  readonly birthDate?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: '3171234567890001',
    nullable: true,
    description: 'Staff and the person only',
  })
  @IsOptional()
  @Transform(trim)
  @Matches(/^[A-Za-z0-9-]{4,32}$/, { message: 'nationalId must be 4-32 letters, digits or dashes' })
  readonly nationalId?: string | null;
}
