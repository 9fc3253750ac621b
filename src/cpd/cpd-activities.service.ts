import type { CheckedRoster } from 'src/cpd/roster.pipe';
import { Injectable } from '@nestjs/common';
import { AccountsPort } from 'src/accounts/accounts.port';
import { AuditService } from 'src/audit/audit.service';
import type { Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { AppError, notFound, type FieldError } from 'src/common/errors/app-error';
import { CpdError } from 'src/cpd/cpd.errors';
import { CpdRepository } from 'src/cpd/cpd.repository';
import { CpdPort } from 'src/cpd/cpd.port';
import type {
  CpdActivityResponse,
  CpdProviderResponse,
  CreateCpdActivityDto,
  CreateCpdProviderDto,
  CreatedCpdProviderResponse,
  RosterResponse,
} from 'src/cpd/dto/cpd.dto';
import type { CpdActivity } from 'src/cpd/entities/cpd-activity.entity';
import type { CpdProvider } from 'src/cpd/entities/cpd-provider.entity';
import { CredentialsPort } from 'src/credentials/credentials.port';
import { Transactions } from 'src/database/transactions';
import { MembershipPort } from 'src/membership/membership.port';
import type { EntityManager } from 'typeorm';

const ACTIVITY = 'CPD activity';

const toProviderResponse = (provider: CpdProvider): CpdProviderResponse => ({
  id: provider.id,
  name: provider.name,
  accreditedFrom: provider.accreditedFrom,
  accreditedUntil: provider.accreditedUntil,
});

const toActivityResponse = (activity: CpdActivity): CpdActivityResponse => ({
  id: activity.id,
  providerId: activity.providerId,
  title: activity.title,
  domain: activity.domain,
  category: activity.category,
  credits: activity.credits,
  startsOn: activity.startsOn,
  endsOn: activity.endsOn,
  place: activity.place,
  online: activity.online,
  capacity: activity.capacity,
  partialCredit: activity.partialCredit,
});

const invalidDates = (field: string, message: string) =>
  new AppError('validation-failed', `Check these fields: ${field}`, {
    errors: [{ field, message }],
  });

/**
 * Accredited CPD: CPD officers accredit providers (each with an API key of its own) and their
 * activities; a provider's roster awards the credits with no claim, all or nothing, once per
 * person and activity however often it is sent.
 */
@Injectable()
export class CpdActivitiesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: CpdRepository,
    private readonly cpd: CpdPort,
    private readonly accounts: AccountsPort,
    private readonly memberships: MembershipPort,
    private readonly credentials: CredentialsPort,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
  ) {}

  /** A provider, accredited for a period, and the API key it reports attendance with (shown once). */
  async accreditProvider(
    actor: Actor,
    dto: CreateCpdProviderDto,
  ): Promise<CreatedCpdProviderResponse> {
    if (dto.accreditedUntil < dto.accreditedFrom) {
      throw invalidDates('accreditedUntil', 'accreditedUntil must not be before accreditedFrom');
    }
    return this.transactions.run(async (manager) => {
      const key = await this.accounts.issueApiKey(manager, actor, {
        name: `CPD provider: ${dto.name}`.slice(0, 100),
        organisation: dto.name,
      });
      const provider = await this.repository.insertProvider(manager, {
        name: dto.name,
        apiKeyId: key.id,
        accreditedFrom: dto.accreditedFrom,
        accreditedUntil: dto.accreditedUntil,
      });
      await this.audit.record(manager, actor, {
        action: 'cpd_provider.accredited',
        entityType: 'cpd_provider',
        entityId: provider.id,
        after: { name: dto.name, from: dto.accreditedFrom, until: dto.accreditedUntil },
      });
      return { ...toProviderResponse(provider), apiKey: key.key };
    });
  }

  async providers(): Promise<CpdProviderResponse[]> {
    return (await this.repository.providers(this.transactions.reader)).map(toProviderResponse);
  }

  /** An activity of a provider accredited on its dates, in a domain the policies count. */
  async accreditActivity(actor: Actor, dto: CreateCpdActivityDto): Promise<CpdActivityResponse> {
    if (dto.endsOn < dto.startsOn) {
      throw invalidDates('endsOn', 'endsOn must not be before startsOn');
    }
    if (!dto.online && !dto.place) {
      throw invalidDates('place', 'place is required unless the activity is online');
    }
    return this.transactions.run(async (manager) => {
      const provider = await this.repository.findProvider(manager, dto.providerId);
      if (!provider) throw notFound('CPD provider', dto.providerId);
      if (dto.startsOn < provider.accreditedFrom || dto.endsOn > provider.accreditedUntil) {
        throw new CpdError(
          'cpd-provider-not-accredited',
          `${provider.name} is accredited from ${provider.accreditedFrom} to ${provider.accreditedUntil}, not for an activity from ${dto.startsOn} to ${dto.endsOn}`,
        );
      }
      await this.cpd.requireKnownDomain(manager, dto.domain, 'domain');
      const activity = await this.repository.insertActivity(manager, {
        providerId: provider.id,
        title: dto.title,
        domain: dto.domain,
        category: dto.category,
        credits: dto.credits,
        startsOn: dto.startsOn,
        endsOn: dto.endsOn,
        place: dto.place ?? null,
        online: dto.online ?? false,
        capacity: dto.capacity ?? null,
        partialCredit: dto.partialCredit ?? false,
      });
      await this.audit.record(manager, actor, {
        action: 'cpd_activity.accredited',
        entityType: 'cpd_activity',
        entityId: activity.id,
        after: { providerId: provider.id, credits: dto.credits, domain: dto.domain },
      });
      return toActivityResponse(activity);
    });
  }

  async activity(id: string): Promise<CpdActivityResponse> {
    const activity = await this.repository.findActivity(this.transactions.reader, id);
    if (!activity) throw notFound(ACTIVITY, id);
    return toActivityResponse(activity);
  }

  /**
   * A provider's attendance roster for one of its activities, held by now: every row checked and
   * every bad one named, then all of it recorded or none. Attendees recorded before are left as
   * they are, so a roster sent again creates nothing.
   */
  async recordAttendance(actor: Actor, id: string, roster: CheckedRoster): Promise<RosterResponse> {
    if (actor.kind !== 'api_key')
      throw new AppError('forbidden', 'A provider sends its roster with its API key');
    return this.transactions.run(async (manager) => {
      const activity = await this.repository.lockActivity(manager, id);
      const provider =
        activity && (await this.repository.findProvider(manager, activity.providerId));
      // Another provider's activity is answered as a missing one.
      if (!activity || provider?.apiKeyId !== actor.apiKeyId) throw notFound(ACTIVITY, id);
      if (activity.endsOn > this.calendar.today()) {
        throw new CpdError(
          'cpd-activity-not-held',
          `The activity ends on ${activity.endsOn}: its attendance is reported after it`,
        );
      }
      const persons = await this.resolve(
        manager,
        roster.attendees.map((attendee) => attendee.number),
      );
      const errors: FieldError[] = [...roster.problems];
      const seen = new Map<string, string>();
      roster.attendees.forEach((attendee) => {
        const field = attendee.label;
        const personId = persons.get(attendee.number);
        if (!personId) {
          errors.push({
            field: `${field}.number`,
            message: `${attendee.number} is no member or credential number`,
          });
          return;
        }
        if (seen.has(personId)) {
          errors.push({
            field: `${field}.number`,
            message: `the same person as ${seen.get(personId)}`,
          });
        }
        seen.set(personId, field);
        if (attendee.credits !== undefined && attendee.credits > activity.credits) {
          errors.push({
            field: `${field}.credits`,
            message: `more than the activity's ${activity.credits} credits`,
          });
        } else if (
          attendee.credits !== undefined &&
          attendee.credits < activity.credits &&
          !activity.partialCredit
        ) {
          errors.push({
            field: `${field}.credits`,
            message: 'the activity awards its credits whole',
          });
        }
      });
      const already = await this.repository.attendeesOf(manager, activity.id);
      const newcomers = [...seen.keys()].filter((personId) => !already.has(personId));
      if (activity.capacity !== null && already.size + newcomers.length > activity.capacity) {
        errors.push({
          field: 'attendees',
          message: `${already.size + newcomers.length} attendees in all, over the activity's capacity of ${activity.capacity}`,
        });
      }
      if (errors.length) {
        throw new CpdError(
          'cpd-roster-invalid',
          `The roster has ${errors.length} problems; nothing was recorded`,
          { errors },
        );
      }
      const recorded = await this.repository.insertAttendance(
        manager,
        roster.attendees
          .map((attendee) => ({ attendee, personId: persons.get(attendee.number)! }))
          .filter(({ personId }) => !already.has(personId))
          .map(({ attendee, personId }) => ({
            personId,
            title: activity.title,
            domain: activity.domain,
            category: activity.category,
            earnedOn: activity.endsOn,
            credits: attendee.credits ?? activity.credits,
            source: 'attendance' as const,
            claimId: null,
            activityId: activity.id,
          })),
      );
      await this.audit.record(manager, actor, {
        action: 'cpd_activity.attendance_recorded',
        entityType: 'cpd_activity',
        entityId: activity.id,
        after: { recorded, alreadyRecorded: roster.attendees.length - recorded },
      });
      return { recorded, alreadyRecorded: roster.attendees.length - recorded };
    });
  }

  /** Attendees by member number, else by credential number, in the roster's transaction. */
  private async resolve(manager: EntityManager, numbers: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(numbers)];
    const byMember = await this.memberships.personsOfMemberNumbers(manager, unique);
    const rest = unique.filter((number) => !byMember.has(number));
    const byCredential = rest.length
      ? await this.credentials.holdersByNumber(manager, rest)
      : new Map<string, string>();
    return new Map([...byMember, ...byCredential]);
  }
}
