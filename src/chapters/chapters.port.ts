import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { notFound } from 'src/common/errors/app-error';
import { ChaptersRepository } from 'src/chapters/chapters.repository';

/** A chapter as other modules know it. */
export interface ChapterRef {
  id: string;
  code: string;
}

/** What other modules may ask of chapters: facts read in the caller's transaction. */
@Injectable()
export class ChaptersPort {
  constructor(private readonly chapters: ChaptersRepository) {}

  /** The chapter's code, for member and certificate numbers; a missing chapter is a 404. */
  async codeOf(manager: EntityManager, id: string): Promise<string> {
    const chapter = await this.chapters.find(manager, id);
    if (!chapter) throw notFound('Chapter', id);
    return chapter.code;
  }

  /** Every chapter, for matching the codes of an imported register. */
  async all(manager: EntityManager): Promise<ChapterRef[]> {
    return (await this.chapters.listByCode(manager)).map(({ id, code }) => ({ id, code }));
  }
}
