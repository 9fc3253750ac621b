import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { RuntimeSettings } from 'src/config/settings';
import { PUBLIC_CACHE_CONTROL } from 'src/common/http/public-cache';
import { PublicVerificationService } from 'src/credentials/public-verification.service';
import {
  renderCredentialPage,
  renderNotFoundPage,
  renderSearchPage,
  renderStartPage,
} from 'src/credentials/verify-page';

export interface Page {
  status: number;
  html: string;
  cacheControl: string;
  redirect?: string;
}

const CACHEABLE = PUBLIC_CACHE_CONTROL;

/** Chooses the page for a request; the wording is in verify-page.ts. */
@Injectable()
export class VerifyPageService {
  constructor(
    private readonly verification: PublicVerificationService,
    private readonly config: ConfigService<RuntimeSettings, true>,
  ) {}

  private get association(): string {
    return this.config.get('associationName', { infer: true });
  }

  async start(number?: string, name?: string): Promise<Page> {
    const wantedNumber = number?.trim();
    if (wantedNumber) {
      return {
        status: 303,
        html: '',
        cacheControl: 'no-store',
        redirect: `/verify/${encodeURIComponent(wantedNumber)}`,
      };
    }
    const wantedName = name?.trim();
    if (wantedName === undefined || wantedName === '') {
      return { status: 200, html: renderStartPage(this.association), cacheControl: CACHEABLE };
    }
    if (wantedName.length < 3 || wantedName.length > 100) {
      return {
        status: 400,
        html: renderStartPage(
          this.association,
          'Type at least 3 letters of the name (and at most 100).',
        ),
        cacheControl: 'no-store',
      };
    }
    const { items, limit } = await this.verification.search({ name: wantedName });
    return {
      status: 200,
      html: renderSearchPage(this.association, wantedName, items, limit),
      cacheControl: CACHEABLE,
    };
  }

  async credential(number: string): Promise<Page> {
    const credential = await this.verification.findByNumber(number);
    return credential
      ? {
          status: 200,
          html: renderCredentialPage(this.association, credential),
          cacheControl: CACHEABLE,
        }
      : {
          status: 404,
          html: renderNotFoundPage(this.association, number),
          cacheControl: 'no-store',
        };
  }
}
