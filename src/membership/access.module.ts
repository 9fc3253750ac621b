import { Global, Module } from '@nestjs/common';
import { Access, PersonScopes } from 'src/auth/access';
import { StaffScopesRepository } from 'src/membership/staff-scopes.repository';
import { MembershipPersonScopes } from 'src/membership/staff-scopes.service';

/**
 * Row-level access for every module (auth/access.ts), with the people of a scope answered here,
 * where memberships are kept: modules below membership ask through `Access` without importing it.
 */
@Global()
@Module({
  providers: [
    StaffScopesRepository,
    MembershipPersonScopes,
    { provide: PersonScopes, useExisting: MembershipPersonScopes },
    Access,
  ],
  exports: [Access, PersonScopes, MembershipPersonScopes, StaffScopesRepository],
})
export class AccessModule {}
