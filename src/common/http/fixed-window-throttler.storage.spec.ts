import { FixedWindowThrottlerStorage } from 'src/common/http/fixed-window-throttler.storage';

describe(FixedWindowThrottlerStorage.name, () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-22T10:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('counts hits per key and throttler, and blocks the one over the limit until the block ends', async () => {
    const storage = new FixedWindowThrottlerStorage();
    for (let hit = 1; hit <= 3; hit++) {
      expect(await storage.increment('ip-a', 60_000, 3, 60_000, 'default')).toMatchObject({
        totalHits: hit,
        isBlocked: false,
      });
    }
    expect(await storage.increment('ip-a', 60_000, 3, 60_000, 'default')).toMatchObject({
      totalHits: 4,
      isBlocked: true,
      timeToBlockExpire: 60,
    });
    // Another address, or another limit for the same address, counts on its own.
    expect(await storage.increment('ip-b', 60_000, 3, 60_000, 'default')).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
    expect(await storage.increment('ip-a', 60_000, 3, 60_000, 'credentials')).toMatchObject({
      totalHits: 1,
    });

    jest.advanceTimersByTime(30_000);
    expect(await storage.increment('ip-a', 60_000, 3, 60_000, 'default')).toMatchObject({
      isBlocked: true,
      timeToBlockExpire: 30,
    });
    jest.advanceTimersByTime(30_001);
    expect(await storage.increment('ip-a', 60_000, 3, 60_000, 'default')).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });
});
