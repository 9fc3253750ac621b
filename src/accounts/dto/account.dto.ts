import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { trim } from 'src/common/validation/fields';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { AccountEmail, NewPassword } from 'src/accounts/dto/auth.dto';
import { ROLES, type Role } from 'src/auth/roles';
import { PageOf, PageQuery } from 'src/common/paging';

/** Where a staff account works: a profession, a chapter (and those below it), or both. */
export class StaffScopeDto {
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  readonly professionId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  readonly chapterId?: string | null;
}

const Scope = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: StaffScopeDto,
      nullable: true,
      description:
        'Scopes a staff account to the people of a profession or chapter; null: the whole association',
    }),
    IsOptional(),
    IsObject(),
    ValidateNested(),
    Type(() => StaffScopeDto),
  );

export class CreateAccountDto {
  @AccountEmail() readonly email: string;
  @NewPassword() readonly password: string;

  @ApiProperty({ example: 'Dewi Lestari (registrar)' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  readonly displayName: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['registrar'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  readonly roles: Role[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for member accounts' })
  @IsOptional()
  @IsUUID()
  readonly personId?: string;

  @Scope() readonly scope?: StaffScopeDto | null;
}

export class UpdateAccountDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  readonly displayName?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  readonly roles?: Role[];

  @ApiPropertyOptional({ description: 'Disabling ends every session of the account' })
  @IsOptional()
  @IsBoolean()
  readonly disabled?: boolean;

  @ApiPropertyOptional({ description: 'true lifts a lockout after failed sign-ins' })
  @IsOptional()
  @IsIn([true])
  readonly unlock?: true;

  @Scope() readonly scope?: StaffScopeDto | null;
}

export class AccountsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) readonly role?: Role;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(254) readonly email?: string;
}

export interface StaffScopeResponse {
  professionId: string | null;
  chapterId: string | null;
}

export class AccountResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) personId: string | null;
  @ApiPropertyOptional({ type: StaffScopeDto, nullable: true }) scope: StaffScopeResponse | null;
  @ApiProperty() disabled: boolean;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  lockedUntil: Date | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  lastLoginAt: Date | null;
  @ApiProperty() createdAt: Date;
}

export class AccountPage extends PageOf(AccountResponse) {}
