import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';
import { applyDecorators } from '@nestjs/common';
import { FullName } from 'src/common/validation/fields';

const lowerTrim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export const AccountEmail = () =>
  applyDecorators(
    ApiProperty({ example: 'siti@example.org', maxLength: 254 }),
    Transform(lowerTrim),
    IsEmail(),
    MaxLength(254),
  );

/** 12 to 128 characters; length beats composition rules (NIST SP 800-63B). */
export const NewPassword = () =>
  applyDecorators(
    ApiProperty({ example: 'correct horse battery staple', minLength: 12, maxLength: 128 }),
    IsString(),
    MinLength(12),
    MaxLength(128),
  );

export class LoginDto {
  @AccountEmail() readonly email: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  readonly password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from the last login or refresh' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  readonly refreshToken: string;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(128) readonly currentPassword: string;
  @NewPassword() readonly newPassword: string;
}

export class RegisterDto {
  @AccountEmail() readonly email: string;
  @NewPassword() readonly password: string;
  @FullName() readonly fullName: string;
}

export class TokenResponse {
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Short-lived JWT for the Authorization header' }) accessToken: string;
  @ApiProperty({ example: 900, description: 'Seconds until the access token expires' })
  expiresIn: number;
  @ApiProperty({ description: 'Single-use; exchange at /auth/refresh for a new pair' })
  refreshToken: string;
}
