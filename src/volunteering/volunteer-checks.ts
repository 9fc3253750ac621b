import { Injectable } from '@nestjs/common';
import { Access } from 'src/auth/access';
import type { Actor } from 'src/auth/principal';
import { CredentialsPort } from 'src/credentials/credentials.port';
import { Transactions } from 'src/database/transactions';
import { MembershipPort } from 'src/membership/membership.port';
import { VolunteeringError } from 'src/volunteering/volunteering.errors';
import { VolunteeringRepository, type ProgramRow } from 'src/volunteering/volunteering.repository';

import { VOLUNTEER } from 'src/volunteering/volunteering-views';

/** What several steps of volunteering check: a program open, a volunteer eligible, who may act on a volunteer. */
@Injectable()
export class VolunteerChecks {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: VolunteeringRepository,
    private readonly credentials: CredentialsPort,
    private readonly memberships: MembershipPort,
    private readonly access: Access,
  ) {}

  requireOpen(program: { status: string; title?: string }): void {
    if (program.status !== 'open') {
      throw new VolunteeringError(
        'program-closed',
        `The program ${program.title ? `"${program.title}" ` : ''}is closed`,
      );
    }
  }

  /**
   * Who may join: a member where the program is for members (active or in grace today), and a
   * holder of the credential a program or role requires, valid today. The reason is named.
   */
  async requireEligible(
    personId: string,
    program: ProgramRow | null,
    credentialTypeId: string | null,
  ): Promise<void> {
    if (program?.openTo === 'members') {
      const status = await this.memberships.statusOfPerson(this.transactions.reader, personId);
      if (status !== 'active' && status !== 'grace') {
        throw new VolunteeringError(
          'volunteer-requirements-unmet',
          `The program is open to members only, and this person's membership is ${status ?? 'none'}`,
          { requirement: 'membership', membershipStatus: status },
        );
      }
    }
    if (credentialTypeId) {
      const { code, held } = await this.credentials.holdsValid(
        this.transactions.reader,
        personId,
        credentialTypeId,
      );
      if (!held) {
        throw new VolunteeringError(
          'volunteer-requirements-unmet',
          `A valid ${code} is required, and this person holds none valid today`,
          { requirement: 'credential', credentialType: code },
        );
      }
    }
  }

  async requireVolunteerAccess(actor: Actor, id: string): Promise<void> {
    await this.access.require(actor, VOLUNTEER, id, (ids) =>
      this.repository.ownersOf(this.transactions.reader, 'volunteer', ids),
    );
  }
}
