import { fromBase32 } from '../tokens/base32';
import { newMessageId } from './message-id';

describe('newMessageId', () => {
  it('is 128 random bits as 26 characters of base32 at the given domain, never the same twice', () => {
    const ids = Array.from({ length: 1000 }, () => newMessageId('newstatesman.com'));
    for (const id of ids) expect(id).toMatch(/^<[a-z2-7]{26}@newstatesman\.com>$/);
    expect(fromBase32(ids[0].slice(1, 27))).toHaveLength(16);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
