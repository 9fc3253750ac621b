import { QueryFailedError } from 'typeorm';
import { loggable } from 'src/common/errors/problem-details.filter';

describe(loggable.name, () => {
  it('keeps a database error its code, constraint and statement, never the values it held', () => {
    const pgError = Object.assign(
      new Error('duplicate key value violates unique constraint "uq_persons_national_id"'),
      {
        code: '23505',
        constraint: 'uq_persons_national_id',
        table: 'persons',
        detail: 'Key (national_id)=(3171234567890001) already exists.',
        routine: '_bt_check_unique',
      },
    );
    const error = new QueryFailedError(
      'INSERT INTO persons (full_name, national_id)\n   VALUES ($1, $2)',
      ['Siti Rahayu', '3171234567890001'],
      pgError,
    );
    const logged = loggable(error);
    expect(logged).toEqual({
      type: 'QueryFailedError',
      code: '23505',
      constraint: 'uq_persons_national_id',
      table: 'persons',
      column: undefined,
      routine: '_bt_check_unique',
      statement: 'INSERT INTO persons (full_name, national_id) VALUES ($1, $2)',
    });
    expect(JSON.stringify(logged)).not.toMatch(/3171234567890001|Siti/);
  });

  it('leaves other errors as they are', () => {
    const error = new Error('boom');
    expect(loggable(error)).toBe(error);
  });
});
