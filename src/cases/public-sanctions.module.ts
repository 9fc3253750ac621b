import { Global, Injectable, Module } from '@nestjs/common';
import { HolderSanctions } from 'src/credentials/holder-sanctions.read-model';

/**
 * A person's final sanctions of the types the association publishes (suspension and revocation
 * in the seed; a reprimand where its type says so), for the public answer beside every
 * credential. A sanction set aside on appeal never took effect, so it never shows.
 */
@Injectable()
export class PublicCaseSanctions extends HolderSanctions {
  publicSanctionsOf(personIdColumn: string): string {
    // The query is the function's (migration 1795402900000), where its plan is kept.
    return `public_ethics_sanctions_of(${personIdColumn})`;
  }
}

/** Lends the public verification path, below this module, the sanctions kept here. */
@Global()
@Module({
  providers: [{ provide: HolderSanctions, useClass: PublicCaseSanctions }],
  exports: [HolderSanctions],
})
export class PublicSanctionsModule {}
