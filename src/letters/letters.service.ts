import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuditService } from 'src/audit/audit.service';
import { Access, isStaffActor, requireAccount, requireOwnPerson } from 'src/auth/access';
import type { Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { notFound } from 'src/common/errors/app-error';
import { type Page, paginate } from 'src/common/paging';
import type { RuntimeSettings } from 'src/config/settings';
import { Transactions } from 'src/database/transactions';
import type { IssueLetterDto, LetterResponse, LettersQuery } from 'src/letters/dto/letter.dto';
import type { RecommendationLetter } from 'src/letters/entities/recommendation-letter.entity';
import { type LetterFacts, renderLetter, renderLetterPage } from 'src/letters/letter-documents';
import { letterNumber, letterValidUntil, letterVerdict } from 'src/letters/letter-rules';
import { LettersError } from 'src/letters/letters.errors';
import { LettersRepository } from 'src/letters/letters.repository';
import { PeoplePort } from 'src/people/people.port';
import { StandingPort } from 'src/standing/standing.port';

const LETTER = 'Recommendation letter';

/**
 * Recommendation letters: issued only to a member in good standing with every requirement met
 * (the credits of the cycle too), numbered, printable with a QR code to a public page that says
 * whether the letter is genuine and still valid.
 */
@Injectable()
export class LettersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: LettersRepository,
    private readonly standing: StandingPort,
    private readonly people: PeoplePort,
    private readonly access: Access,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
    private readonly config: ConfigService<RuntimeSettings, true>,
  ) {}

  async issue(actor: Actor, dto: IssueLetterDto): Promise<LetterResponse> {
    requireAccount(actor);
    const personId = dto.personId ?? requireOwnPerson(actor);
    await this.access.requirePerson(actor, personId);
    const today = this.calendar.today();
    const standing = await this.standing.standingOn(this.transactions.reader, personId, today, {
      mayKnowInvestigations: false,
    });
    if (!standing.goodStanding || !standing.renewalReady) {
      const unmet = standing.requirements.filter((item) => !item.met);
      throw new LettersError(
        'letter-refused',
        `No letter can be issued: ${unmet.map((item) => item.detail).join('; ')}`,
        { requirements: unmet },
      );
    }
    const id = await this.transactions.run(async (manager) => {
      const number = letterNumber(
        today.slice(0, 4),
        await this.repository.nextSequence(manager, today.slice(0, 4)),
      );
      const letterId = await this.repository.insert(manager, {
        number,
        personId,
        purpose: dto.purpose,
        issuedOn: today,
        validUntil: letterValidUntil(today),
        eligibility: standing,
        issuedByAccountId: requireAccount(actor).accountId,
      });
      await this.audit.record(manager, actor, {
        action: 'letter.issued',
        entityType: 'recommendation_letter',
        entityId: letterId,
        after: { number, personId, purpose: dto.purpose },
      });
      return letterId;
    });
    return this.toResponse((await this.repository.find(this.transactions.reader, id))!);
  }

  async list(actor: Actor, query: LettersQuery): Promise<Page<LetterResponse>> {
    const personId = isStaffActor(actor) ? query.personId : requireOwnPerson(actor);
    return paginate(
      this.repository.pageQuery(
        this.transactions.reader,
        personId,
        this.access.listCondition(actor, 'letter.person_id'),
      ),
      query,
      (letter) => this.toResponse(letter),
    );
  }

  async pdf(actor: Actor, id: string): Promise<{ number: string; pdf: Buffer }> {
    await this.access.require(actor, LETTER, id, (ids) =>
      this.repository.ownersOf(this.transactions.reader, ids),
    );
    const letter = await this.repository.find(this.transactions.reader, id);
    if (!letter) throw notFound(LETTER, id);
    const pdf = await renderLetter(
      await this.factsOf(letter),
      this.verifyUrl(letter.number),
      this.association(),
    );
    return { number: letter.number, pdf };
  }

  /** The public page of a number: genuine or not, and if genuine, valid today or why not. */
  async publicPage(number: string): Promise<{ status: number; html: string }> {
    const letter = await this.repository.findByNumber(this.transactions.reader, number);
    if (!letter) return { status: 404, html: renderLetterPage(this.association(), null, number) };
    const today = this.calendar.today();
    const now = await this.standing.standingOn(this.transactions.reader, letter.personId, today, {
      mayKnowInvestigations: false,
    });
    const verdict = letterVerdict(letter, today, now.goodStanding === true);
    return {
      status: 200,
      html: renderLetterPage(
        this.association(),
        { ...(await this.factsOf(letter)), verdict },
        number,
      ),
    };
  }

  private async factsOf(letter: RecommendationLetter): Promise<LetterFacts> {
    const membership = letter.eligibility.requirements.find(
      (item) => item.requirement === 'membership',
    );
    return {
      number: letter.number,
      holderName: (await this.people.fullNameOf(this.transactions.reader, letter.personId)) ?? '',
      memberNumber: membership?.subject ?? null,
      purpose: letter.purpose,
      issuedOn: letter.issuedOn,
      validUntil: letter.validUntil,
    };
  }

  private toResponse(letter: RecommendationLetter): LetterResponse {
    return {
      id: letter.id,
      number: letter.number,
      personId: letter.personId,
      purpose: letter.purpose,
      issuedOn: letter.issuedOn,
      validUntil: letter.validUntil,
      verifyUrl: this.verifyUrl(letter.number),
    };
  }

  private verifyUrl(number: string): string {
    return `${this.config.get('publicBaseUrl', { infer: true })}/letters/verify/${encodeURIComponent(number)}`;
  }

  private association(): string {
    return this.config.get('associationName', { infer: true });
  }
}
