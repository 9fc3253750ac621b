import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService, changedFields } from 'src/audit/audit.service';
import type { Actor } from 'src/auth/principal';
import { notFound } from 'src/common/errors/app-error';
import { ChaptersRepository } from 'src/chapters/chapters.repository';
import type {
  ChapterResponse,
  CreateChapterDto,
  UpdateChapterDto,
} from 'src/chapters/dto/create-chapter.dto';
import { ChaptersError } from 'src/chapters/chapters.errors';
import type { Chapter } from 'src/chapters/entities/chapter.entity';
import { Transactions } from 'src/database/transactions';

const view = ({ id, code, name, parentId }: Chapter): ChapterResponse => ({
  id,
  code,
  name,
  parentId,
});

/** Branches and regions of the association; members and people belong to one. */
@Injectable()
export class ChaptersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly chapters: ChaptersRepository,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<ChapterResponse[]> {
    const chapters = await this.chapters.listByCode(this.transactions.reader);
    return chapters.map(view);
  }

  async get(id: string, manager?: EntityManager): Promise<ChapterResponse> {
    const chapter = await this.chapters.find(manager ?? this.transactions.reader, id);
    if (!chapter) throw notFound('Chapter', id);
    return view(chapter);
  }

  create(actor: Actor, dto: CreateChapterDto): Promise<ChapterResponse> {
    return this.transactions.run(async (manager) => {
      const chapter = await this.chapters.insert(manager, {
        code: dto.code,
        name: dto.name,
        parentId: dto.parentId ?? null,
      });
      await this.audit.record(manager, actor, {
        action: 'chapter.created',
        entityType: 'chapter',
        entityId: chapter.id,
        after: view(chapter),
      });
      return view(chapter);
    });
  }

  /** Renames a chapter or moves it to another region; the tree never closes a loop. */
  update(actor: Actor, id: string, dto: UpdateChapterDto): Promise<ChapterResponse> {
    return this.transactions.run(async (manager) => {
      const moves = dto.parentId !== undefined;
      if (moves) await this.chapters.lockTree(manager);
      const chapter = await this.chapters.lockForChange(manager, id);
      if (!chapter) throw notFound('Chapter', id);
      if (dto.parentId && (await this.chapters.isWithin(manager, dto.parentId, id))) {
        throw new ChaptersError(
          'chapter-tree-loop',
          `${chapter.code} cannot be placed under ${dto.parentId === id ? 'itself' : 'a chapter within it'}`,
        );
      }
      const before = view(chapter);
      const after = view(
        await this.chapters.update(manager, id, {
          ...(dto.name !== undefined && { name: dto.name }),
          ...(moves && { parentId: dto.parentId ?? null }),
        }),
      );
      const diff = changedFields(before, after, ['name', 'parentId']);
      if (diff.changed.length) {
        await this.audit.record(manager, actor, {
          action: 'chapter.updated',
          entityType: 'chapter',
          entityId: id,
          before: diff.before,
          after: diff.after,
        });
      }
      return after;
    });
  }
}
