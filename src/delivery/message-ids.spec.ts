import { randomBytes } from 'node:crypto';
import { MessageIds } from './message-ids';

describe('MessageIds', () => {
  const salt = () => randomBytes(32).toString('hex');

  it('gives each reader an id with nothing of the edition or reader in it, the same every time', () => {
    const s = salt();
    const ids = new MessageIds(42, s, 'newstatesman.test');
    const all = Array.from({ length: 1000 }, (_, i) => ids.for(i + 1));
    for (const id of all) expect(id).toMatch(/^<[a-z2-7]{26}@newstatesman\.test>$/);
    expect(new Set(all).size).toBe(1000);
    expect(new MessageIds(42, s, 'newstatesman.test').for(7)).toBe(all[6]);
  });

  it('differs between editions, and between two copies of one edition with different salts', () => {
    expect(new MessageIds(42, salt(), 'x.test').for(1)).not.toBe(new MessageIds(43, salt(), 'x.test').for(1));
    expect(new MessageIds(42, salt(), 'x.test').for(1)).not.toBe(new MessageIds(42, salt(), 'x.test').for(1));
  });

  it('keeps the old form for an edition that started sending before salts', () => {
    expect(new MessageIds(1, null, 'x.test').for(7)).toBe('<e1.s7@x.test>');
  });

  it('refuses a salt that is not 32 bytes of hex', () => {
    expect(() => new MessageIds(1, 'abc', 'x.test')).toThrow(/salt/);
  });
});
