import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuditService } from 'src/audit/audit.service';
import { Access, isStaffActor, requireAccount, requireOwnPerson } from 'src/auth/access';
import type { Actor } from 'src/auth/principal';
import { notFound } from 'src/common/errors/app-error';
import type { RuntimeSettings } from 'src/config/settings';
import { Transactions } from 'src/database/transactions';
import type { SignUpDto, SignupResponse } from 'src/volunteering/dto/volunteering.dto';
import { shiftsCalendar } from 'src/volunteering/volunteering-documents';
import { VolunteeringError } from 'src/volunteering/volunteering.errors';
import { VolunteeringRepository } from 'src/volunteering/volunteering.repository';

import { hashToken, SHIFT, SIGNUP } from 'src/volunteering/volunteering-views';
import { VolunteerChecks } from 'src/volunteering/volunteer-checks';

/**
 * Shifts whose capacity holds under sign-ups sent at once (they take turns on the shift's row),
 * with a waiting list promoted in order, and the volunteer's calendar feed of them.
 */
@Injectable()
export class VolunteerShiftsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: VolunteeringRepository,
    private readonly access: Access,
    private readonly audit: AuditService,
    private readonly config: ConfigService<RuntimeSettings, true>,
    private readonly checks: VolunteerChecks,
  ) {}

  /**
   * An approved volunteer of the program takes a place on the shift, or the next place on its
   * waiting list once it is full. Sign-ups of one shift take turns on its row, so however many
   * arrive at once, no more are confirmed than its capacity.
   */
  async signUp(actor: Actor, shiftId: string, dto: SignUpDto): Promise<SignupResponse> {
    requireAccount(actor);
    const shift = await this.repository.shift(this.transactions.reader, shiftId);
    if (!shift) throw notFound(SHIFT, shiftId);
    const volunteer = await this.volunteerFor(actor, shift.programId, dto.volunteerId);
    const program = (await this.repository.program(this.transactions.reader, shift.programId))!;
    this.checks.requireOpen(program);
    await this.checks.requireEligible(volunteer.personId, null, shift.requiredCredentialTypeId);
    const id = await this.transactions.run(async (manager) => {
      const locked = (await this.repository.lockShift(manager, shiftId))!;
      const confirmed = await this.repository.countConfirmed(manager, shiftId);
      const status = confirmed < locked.capacity ? 'confirmed' : 'waiting';
      const signupId = await this.repository.insertSignup(manager, {
        shiftId,
        volunteerId: volunteer.id,
        status,
      });
      await this.audit.record(manager, actor, {
        action: 'shift.signed_up',
        entityType: 'shift_signup',
        entityId: signupId,
        after: { shiftId, volunteerId: volunteer.id, status },
      });
      return signupId;
    });
    return (await this.repository.signup(this.transactions.reader, id))!;
  }

  /** A cancellation frees a confirmed place, which the first on the waiting list takes. */
  async cancelSignup(actor: Actor, id: string): Promise<SignupResponse> {
    await this.access.require(actor, SIGNUP, id, (ids) =>
      this.repository.ownersOf(this.transactions.reader, 'signup', ids),
    );
    const found = await this.repository.signup(this.transactions.reader, id);
    if (!found) throw notFound(SIGNUP, id);
    await this.transactions.run(async (manager) => {
      // The shift's row first, as a sign-up takes it: the two never wait on each other.
      await this.repository.lockShift(manager, found.shiftId);
      const signup = (await this.repository.lockSignup(manager, id))!;
      if (signup.status === 'cancelled') {
        throw new VolunteeringError('signup-cancelled', 'The sign-up is cancelled already');
      }
      await this.repository.cancelSignup(manager, id);
      const promoted =
        signup.status === 'confirmed'
          ? await this.repository.promoteFirstWaiting(manager, signup.shiftId)
          : null;
      await this.audit.record(manager, actor, {
        action: 'shift.cancelled',
        entityType: 'shift_signup',
        entityId: id,
        before: { status: signup.status },
        after: { status: 'cancelled', promoted },
      });
    });
    return (await this.repository.signup(this.transactions.reader, id))!;
  }

  async roster(shiftId: string): Promise<SignupResponse[]> {
    if (!(await this.repository.shift(this.transactions.reader, shiftId))) {
      throw notFound(SHIFT, shiftId);
    }
    return this.repository.signupsOf(this.transactions.reader, shiftId);
  }

  /**
   * A new address for the signed-in person's calendar of shifts: a secret token a phone's
   * calendar app sends instead of a sign-in. Shown once; a new one replaces the old.
   */
  async newCalendarFeed(actor: Actor): Promise<{ url: string }> {
    const personId = requireOwnPerson(actor);
    const token = randomBytes(24).toString('base64url');
    await this.transactions.run(async (manager) => {
      await this.repository.saveCalendarFeed(manager, personId, hashToken(token));
      await this.audit.record(manager, actor, {
        action: 'volunteer_calendar.created',
        entityType: 'person',
        entityId: personId,
      });
    });
    const base = this.config.get('publicBaseUrl', { infer: true });
    return { url: `${base}/volunteering/calendar/${token}` };
  }

  async calendarFeed(token: string): Promise<string> {
    const personId = await this.repository.personOfFeed(this.transactions.reader, hashToken(token));
    if (!personId) throw notFound('Calendar feed', token);
    const shifts = await this.repository.calendarShifts(this.transactions.reader, personId);
    return shiftsCalendar(this.config.get('associationName', { infer: true }), shifts);
  }

  /** The volunteer a sign-up is for: staff name one, a member is their own in the program. */
  private async volunteerFor(
    actor: Actor,
    programId: string,
    volunteerId: string | undefined,
  ): Promise<{ id: string; personId: string }> {
    const volunteer =
      isStaffActor(actor) && volunteerId
        ? await this.repository.volunteer(this.transactions.reader, volunteerId)
        : await this.repository.volunteerOf(
            this.transactions.reader,
            programId,
            requireOwnPerson(actor),
          );
    if (!volunteer || volunteer.programId !== programId || volunteer.status !== 'approved') {
      throw new VolunteeringError(
        'volunteer-not-approved',
        'Only an approved volunteer of this program signs up for its shifts',
      );
    }
    return volunteer;
  }
}
