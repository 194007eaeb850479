import { jsonDepthExceeds } from './json-depth';

const depth = (text: string, max: number) => jsonDepthExceeds(Buffer.from(text), max);

describe('jsonDepthExceeds', () => {
  it('passes bodies the service takes', () => {
    expect(depth('{"email":"a@example.com","newsletters":["morning-call"]}', 2)).toBe(false);
    expect(depth('{"a":{"b":[1,[2]]}}', 4)).toBe(false);
  });

  it('refuses nesting past the limit, arrays and objects alike', () => {
    expect(depth('['.repeat(3000), 32)).toBe(true);
    expect(depth('{"a":'.repeat(40) + '1' + '}'.repeat(40), 32)).toBe(true);
    expect(depth('{"a":{"b":[1,[2]]}}', 3)).toBe(true);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(depth(`{"email":"${'['.repeat(100)}"}`, 1)).toBe(false);
    expect(depth(`{"a":"\\"${'{'.repeat(50)}"}`, 1)).toBe(false);
    expect(depth(`{"a":"\\\\"${'['.repeat(3)}`, 2)).toBe(true);
  });
});
