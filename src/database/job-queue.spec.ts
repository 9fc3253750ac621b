import { describeJobError } from 'src/database/job-queue';

describe(describeJobError.name, () => {
  it('gives the message, the code and the job an error names, never [object Object]', () => {
    const failed = Object.assign(new Error('connection terminated'), {
      code: '57P01',
      queue: 'mail.send',
      jobId: 'j-1',
    });
    expect(describeJobError(failed)).toBe(
      'connection terminated (code 57P01, queue mail.send, jobId j-1)',
    );
    expect(describeJobError({ message: 'maintenance failed', worker: 'w-3', id: 7 })).toBe(
      'maintenance failed (id 7, worker w-3)',
    );
    expect(describeJobError({ name: 'archive', reason: 'timeout' })).toBe(
      '{"name":"archive","reason":"timeout"} (name archive)',
    );
    expect(describeJobError(new TypeError(''))).toBe('TypeError');
    expect(describeJobError('plain')).toBe('plain');
    expect(describeJobError(undefined)).toBe('undefined');
  });
});
