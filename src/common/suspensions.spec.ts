import { composedSuspension, holdsOn } from 'src/common/suspensions';

describe('suspensions that compose', () => {
  const staff = { startsOn: '2026-12-01', endsOn: null, liftedOn: null };
  const sanction = { startsOn: '2026-12-07', endsOn: '2027-03-06', liftedOn: null };

  it('holds from its first day through its last, and not from the day it is lifted', () => {
    expect(holdsOn(sanction, '2026-12-06')).toBe(false);
    expect(holdsOn(sanction, '2026-12-07')).toBe(true);
    expect(holdsOn(sanction, '2027-03-06')).toBe(true);
    expect(holdsOn(sanction, '2027-03-07')).toBe(false);
    expect(holdsOn({ ...staff, liftedOn: '2026-12-10' }, '2026-12-09')).toBe(true);
    expect(holdsOn({ ...staff, liftedOn: '2026-12-10' }, '2026-12-10')).toBe(false);
  });

  it('is suspended while any one holds: until lifted when one has no end, else to the last end', () => {
    expect(composedSuspension([], '2026-12-07')).toEqual({ suspended: false });
    expect(composedSuspension([staff, sanction], '2026-12-07')).toEqual({
      suspended: true,
      until: null,
    });
    const lifted = { ...staff, liftedOn: '2026-12-08' };
    expect(composedSuspension([lifted, sanction], '2026-12-08')).toEqual({
      suspended: true,
      until: '2027-03-06',
    });
    const shorter = { startsOn: '2026-12-07', endsOn: '2026-12-20', liftedOn: null };
    expect(composedSuspension([shorter, sanction], '2026-12-10')).toEqual({
      suspended: true,
      until: '2027-03-06',
    });
    expect(composedSuspension([lifted, sanction], '2027-03-07')).toEqual({ suspended: false });
  });
});
