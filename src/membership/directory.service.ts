import { Injectable } from '@nestjs/common';
import { Calendar } from 'src/common/calendar';
import type { DirectoryPage, DirectoryQuery } from 'src/membership/dto/directory.dto';
import { MemberListRepository } from 'src/membership/member-list.repository';

const PAGE_SIZE = 20;

/**
 * The public directory: members who opted in and are members today (active or in grace), with
 * public fields only, in member-number order. No total is given, so the list cannot be sized or
 * walked cheaply.
 */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly memberList: MemberListRepository,
    private readonly calendar: Calendar,
  ) {}

  async search(query: DirectoryQuery): Promise<DirectoryPage> {
    const rows = await this.memberList.directoryPage(
      this.calendar.today(),
      query,
      PAGE_SIZE + 1,
      (query.page - 1) * PAGE_SIZE,
    );
    return {
      items: rows.slice(0, PAGE_SIZE).map((row) => ({
        fullName: row.full_name,
        memberNumber: row.member_number,
        category: row.category,
        chapterCode: row.chapter_code,
        chapterName: row.chapter_name,
        speciality: row.speciality,
        memberSince: row.member_since,
      })),
      page: query.page,
      pageSize: PAGE_SIZE,
      hasMore: rows.length > PAGE_SIZE,
    };
  }
}
