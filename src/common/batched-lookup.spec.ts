import { BatchedLookup } from 'src/common/batched-lookup';

/** A load the test finishes by hand, recording the keys of every call. */
function controlledLoad() {
  const calls: { keys: string[]; finish: () => void; fail: (error: Error) => void }[] = [];
  const load = (keys: string[]) =>
    new Promise<Map<string, string>>((resolve, reject) => {
      calls.push({
        keys,
        finish: () =>
          resolve(new Map(keys.filter((k) => k !== 'unknown').map((k) => [k, `answer ${k}`]))),
        fail: reject,
      });
    });
  return { calls, load };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('BatchedLookup', () => {
  it('sends a lookup at rest straight away, alone', async () => {
    const { calls, load } = controlledLoad();
    const lookup = new BatchedLookup(load, { maxInFlight: 1, maxBatch: 100 });
    const answer = lookup.get('a');
    await settled();
    expect(calls.map((call) => call.keys)).toEqual([['a']]);
    calls[0].finish();
    await expect(answer).resolves.toBe('answer a');
  });

  it('gathers the lookups that arrive while a load runs into one next load', async () => {
    const { calls, load } = controlledLoad();
    const lookup = new BatchedLookup(load, { maxInFlight: 1, maxBatch: 100 });
    const first = lookup.get('a');
    await settled();
    const waiting = ['b', 'c', 'unknown', 'b'].map((key) => lookup.get(key));
    await settled();
    expect(calls).toHaveLength(1);

    calls[0].finish();
    await expect(first).resolves.toBe('answer a');
    await settled();
    // One key once, however many callers asked for it.
    expect(calls.map((call) => call.keys)).toEqual([['a'], ['b', 'c', 'unknown']]);
    calls[1].finish();
    await expect(Promise.all(waiting)).resolves.toEqual([
      'answer b',
      'answer c',
      undefined,
      'answer b',
    ]);
  });

  it('never puts a lookup into a load already sent, so it sees what was written before it asked', async () => {
    const { calls, load } = controlledLoad();
    const lookup = new BatchedLookup(load, { maxInFlight: 1, maxBatch: 100 });
    void lookup.get('a');
    await settled();
    const again = lookup.get('a');
    await settled();
    calls[0].finish();
    await settled();
    expect(calls.map((call) => call.keys)).toEqual([['a'], ['a']]);
    calls[1].finish();
    await expect(again).resolves.toBe('answer a');
  });

  it('runs up to maxInFlight loads at once and splits waiting keys by maxBatch', async () => {
    const { calls, load } = controlledLoad();
    const lookup = new BatchedLookup(load, { maxInFlight: 2, maxBatch: 2 });
    const answers = ['a', 'b', 'c', 'd', 'e'].map((key) => lookup.get(key));
    await settled();
    expect(calls.map((call) => call.keys)).toEqual([['a'], ['b']]);
    calls[0].finish();
    await settled();
    expect(calls.map((call) => call.keys)).toEqual([['a'], ['b'], ['c', 'd']]);
    calls[1].finish();
    calls[2].finish();
    await settled();
    expect(calls.map((call) => call.keys)).toEqual([['a'], ['b'], ['c', 'd'], ['e']]);
    calls[3].finish();
    await expect(Promise.all(answers)).resolves.toEqual(
      ['a', 'b', 'c', 'd', 'e'].map((key) => `answer ${key}`),
    );
  });

  it('fails every caller of a failed load, and the next load still runs', async () => {
    const { calls, load } = controlledLoad();
    const lookup = new BatchedLookup(load, { maxInFlight: 1, maxBatch: 100 });
    const first = lookup.get('a');
    await settled();
    const together = [lookup.get('b'), lookup.get('c')];
    await settled();
    calls[0].fail(new Error('connection lost'));
    await expect(first).rejects.toThrow('connection lost');
    await settled();
    calls[1].fail(new Error('still down'));
    await expect(Promise.all(together)).rejects.toThrow('still down');
    await expect(together[1]).rejects.toThrow('still down');

    const later = lookup.get('d');
    await settled();
    calls[2].finish();
    await expect(later).resolves.toBe('answer d');
  });

  it('fails the batch when the load throws before it returns a promise', async () => {
    const lookup = new BatchedLookup<string, string>(
      () => {
        throw new Error('no pool');
      },
      { maxInFlight: 1, maxBatch: 100 },
    );
    await expect(lookup.get('a')).rejects.toThrow('no pool');
    await expect(lookup.get('b')).rejects.toThrow('no pool');
  });
});
