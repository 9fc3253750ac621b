import { Global, Module } from '@nestjs/common';
import { PeriodOwner } from 'src/dues/dues.port';
import { MembershipCoverService } from 'src/membership/membership-cover.service';
import { MembershipModule } from 'src/membership/membership.module';

/**
 * Dues, below membership, ask the owner of the periods they charge for through `PeriodOwner`,
 * which they declare; membership answers it here, as it answers `PersonScopes` (access.module.ts)
 * and cases answer `HolderSanctions` (public-sanctions.module.ts): the one way a lower module asks
 * a higher one.
 */
@Global()
@Module({
  imports: [MembershipModule],
  providers: [{ provide: PeriodOwner, useExisting: MembershipCoverService }],
  exports: [PeriodOwner],
})
export class PeriodOwnerModule {}
