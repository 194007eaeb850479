import { behindDeadline } from './deadline';

describe('behindDeadline', () => {
  const startedAt = new Date('2025-12-01T06:00:00Z');
  const deadline = new Date('2025-12-01T06:30:00Z');

  it('says when the rate so far ends after the deadline, and by how much', () => {
    // 10 minutes in, 30,000 of 100,000 done: 50/s, 70,000 left take 1,400 s more.
    const behind = behindDeadline({ open: 70_000, done: 30_000, startedAt, deadline }, new Date('2025-12-01T06:10:00Z'));
    expect(behind).toEqual({ finishAt: new Date('2025-12-01T06:33:20Z'), lateSeconds: 200, perSecond: 50 });
  });

  it('is quiet while the send keeps to it, or before anything was sent', () => {
    expect(behindDeadline({ open: 10_000, done: 90_000, startedAt, deadline }, new Date('2025-12-01T06:10:00Z'))).toBeNull();
    expect(behindDeadline({ open: 100_000, done: 0, startedAt, deadline }, new Date('2025-12-01T06:10:00Z'))).toBeNull();
  });
});
