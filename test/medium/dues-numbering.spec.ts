import type { QueryRunner } from 'typeorm';
import { documentNumber, DuesRepository } from 'src/dues/dues.repository';
import { untilWaitingOnLocks } from 'test/support/concurrency';
import { useDataSource } from 'test/support/data-source';

const INVOICES = 'INV-{YYYY}-{SEQ:6}';
const RECEIPTS = 'RCP-{YYYY}-{SEQ:6}';

/**
 * Invoice and receipt numbers are gapless within a year: a number is taken inside the
 * transaction that issues the document, so a rollback gives it back and two issuers queue.
 */
describe('dues numbering', () => {
  const dataSource = useDataSource();
  const repository = () => new DuesRepository(dataSource());

  async function openTransaction(): Promise<QueryRunner> {
    const runner = dataSource().createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    return runner;
  }

  it('numbers each year from 1, and invoices apart from receipts', async () => {
    await dataSource().transaction(async (manager) => {
      expect(await repository().nextDocumentNumber(manager, 'invoice', '2027', INVOICES)).toBe(
        'INV-2027-000001',
      );
      expect(await repository().reserveNumbers(manager, 'invoice', '2027', 3)).toBe(2);
      expect(await repository().nextDocumentNumber(manager, 'invoice', '2027', INVOICES)).toBe(
        'INV-2027-000005',
      );
      expect(await repository().nextDocumentNumber(manager, 'invoice', '2028', INVOICES)).toBe(
        'INV-2028-000001',
      );
      expect(await repository().nextDocumentNumber(manager, 'receipt', '2027', RECEIPTS)).toBe(
        'RCP-2027-000001',
      );
    });
    expect(documentNumber(RECEIPTS, '2027', 1234567)).toBe('RCP-2027-1234567');
    expect(documentNumber('{SEQ:4}/KEU/{YY}', '2027', 12)).toBe('0012/KEU/27');
  });

  it('makes a second issuer wait for the first, and gives a rolled-back number to the next', async () => {
    const first = await openTransaction();
    const second = await openTransaction();
    const observer = await openTransaction();
    try {
      expect(await repository().reserveNumbers(first.manager, 'receipt', '2030', 2)).toBe(1);
      const waiting = repository().reserveNumbers(second.manager, 'receipt', '2030', 1);
      await untilWaitingOnLocks(observer, 1);
      await first.rollbackTransaction();
      expect(await waiting).toBe(1);

      const third = await openTransaction();
      try {
        const queued = repository().reserveNumbers(third.manager, 'receipt', '2030', 1);
        await untilWaitingOnLocks(observer, 1);
        await second.commitTransaction();
        expect(await queued).toBe(2);
        await third.commitTransaction();
      } finally {
        await third.release();
      }
    } finally {
      for (const runner of [first, second, observer]) {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
    }
  });
});
