import type { Type as Class } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** `?page=&pageSize=` on every list route; pages are 1-based. */
/** Past this a list is searched, not paged: it also keeps the offset a number PostgreSQL takes. */
export const MAX_PAGE = 10_000;

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  readonly page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  readonly pageSize: number = 50;

  get offset(): number {
    return (this.page - 1) * this.pageSize;
  }
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/**
 * Lists that can match a large share of a million rows count up to here: past it a reader narrows
 * the search, and counting every match costs more than the page itself.
 */
export const COUNT_CAP = 10_000;

/** Runs an ordered query for one page and its total, shaping each row with `view`. */
export async function paginate<Row extends ObjectLiteral, Item>(
  qb: SelectQueryBuilder<Row>,
  query: PageQuery,
  view: (row: Row) => Item,
): Promise<Page<Item>> {
  const [rows, total] = await qb.skip(query.offset).take(query.pageSize).getManyAndCount();
  return { items: rows.map(view), page: query.page, pageSize: query.pageSize, total };
}

/** As `paginate`, but the total is counted up to COUNT_CAP, alongside the page. */
export async function paginateCountingToCap<Row extends ObjectLiteral, Item>(
  qb: SelectQueryBuilder<Row>,
  query: PageQuery,
  view: (row: Row) => Item,
): Promise<Page<Item>> {
  const [matches, parameters] = qb
    .clone()
    .select('1')
    .orderBy()
    .limit(COUNT_CAP + 1)
    .getQueryAndParameters();
  const [rows, [{ total }]] = await Promise.all([
    qb.skip(query.offset).take(query.pageSize).getMany(),
    qb.connection.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM (${matches}) matches`,
      parameters,
    ),
  ]);
  return {
    items: rows.map(view),
    page: query.page,
    pageSize: query.pageSize,
    total: Math.min(total, COUNT_CAP),
  };
}

/** The OpenAPI shape of a page of `item`s, named `<Item>Page`. */
export function PageOf<T>(item: Class<T>): Class<Page<T>> {
  class PageResponse implements Page<T> {
    @ApiProperty({ type: [item] }) items: T[];
    @ApiProperty({ example: 1 }) page: number;
    @ApiProperty({ example: 50 }) pageSize: number;
    @ApiProperty({ example: 1 }) total: number;
  }
  Object.defineProperty(PageResponse, 'name', {
    value: `${item.name.replace(/Response$/, '')}Page`,
  });
  return PageResponse;
}

/** Makes user text literal inside a LIKE pattern. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
