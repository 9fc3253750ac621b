import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import type { Actor } from 'src/auth/principal';
import { notFound } from 'src/common/errors/app-error';
import type { ChapterResponse, CreateChapterDto } from 'src/chapters/dto/create-chapter.dto';
import { Chapter } from 'src/chapters/entities/chapter.entity';

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<ChapterResponse[]> {
    const chapters = await this.dataSource.getRepository(Chapter).find({ order: { code: 'ASC' } });
    return chapters.map(view);
  }

  async get(id: string, manager?: EntityManager): Promise<ChapterResponse> {
    const chapter = await (manager ?? this.dataSource.manager).findOneBy(Chapter, { id });
    if (!chapter) throw notFound('Chapter', id);
    return view(chapter);
  }

  create(actor: Actor, dto: CreateChapterDto): Promise<ChapterResponse> {
    return this.dataSource.transaction(async (manager) => {
      const chapter = await manager.save(
        manager.create(Chapter, { code: dto.code, name: dto.name, parentId: dto.parentId ?? null }),
      );
      await this.audit.record(manager, actor, {
        action: 'chapter.created',
        entityType: 'chapter',
        entityId: chapter.id,
        after: view(chapter),
      });
      return view(chapter);
    });
  }
}
