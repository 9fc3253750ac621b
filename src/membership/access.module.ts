import { Global, Module } from '@nestjs/common';
import { Access, PersonScopes } from 'src/auth/access';
import { MemberChapters } from 'src/membership/member-chapters.service';
import { StaffScopesRepository } from 'src/membership/staff-scopes.repository';
import { PersonChapters } from 'src/people/people.port';
import { MembershipPersonScopes } from 'src/membership/staff-scopes.service';

/**
 * Row-level access for every module (auth/access.ts), with the people of a scope answered here,
 * where memberships are kept: modules below membership ask through `Access` without importing it.
 * A person's chapter is answered here too (`PersonChapters`), for the same reason.
 */
@Global()
@Module({
  providers: [
    StaffScopesRepository,
    MembershipPersonScopes,
    { provide: PersonScopes, useExisting: MembershipPersonScopes },
    MemberChapters,
    { provide: PersonChapters, useExisting: MemberChapters },
    Access,
  ],
  exports: [Access, PersonScopes, MembershipPersonScopes, StaffScopesRepository, PersonChapters],
})
export class AccessModule {}
