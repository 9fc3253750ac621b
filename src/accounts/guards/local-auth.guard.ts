import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { LoginDto } from 'src/accounts/dto/auth.dto';
import { asError } from 'src/auth/guards/authentication.guard';
import { validationPipe } from 'src/common/validation/validation';
import { AccountsError } from 'src/accounts/accounts.errors';

/** Checks the login body like any DTO (guards run before pipes), then hands over to passport-local. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  private readonly pipe = validationPipe();

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    request.body = await this.pipe.transform(request.body ?? {}, {
      type: 'body',
      metatype: LoginDto,
    });
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(err: unknown, user: T | false): T {
    if (err) throw asError(err);
    if (!user) throw new AccountsError('invalid-credentials', 'Email or password is wrong');
    return user;
  }
}
