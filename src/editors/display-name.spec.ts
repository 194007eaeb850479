import { checkDisplayName, DISPLAY_NAME_MAX } from './display-name';

describe('checkDisplayName', () => {
  it('trims a name and keeps it, in NFC', () => {
    expect(checkDisplayName('  Wren Writer ')).toEqual({ ok: true, name: 'Wren Writer' });
    expect(checkDisplayName('Zoe\u0301 Ade')).toEqual({ ok: true, name: 'Zoé Ade' });
  });

  it('takes an empty name as none', () => {
    expect(checkDisplayName('')).toEqual({ ok: true, name: null });
    expect(checkDisplayName('   ')).toEqual({ ok: true, name: null });
  });

  it('counts characters, not UTF-16 units, up to the limit', () => {
    expect(checkDisplayName('é'.repeat(DISPLAY_NAME_MAX))).toEqual({ ok: true, name: 'é'.repeat(DISPLAY_NAME_MAX) });
    expect(checkDisplayName('😀'.repeat(DISPLAY_NAME_MAX))).toMatchObject({ ok: true });
    expect(checkDisplayName('x'.repeat(DISPLAY_NAME_MAX + 1))).toEqual({ ok: false, message: 'A display name has at most 100 characters' });
  });

  it('refuses control characters, separators and bidirectional overrides, and keeps joiners', () => {
    for (const name of [
      'Wren\tWriter',
      'Wren\nWriter',
      'Wren\u0000',
      'Wren\u001b[31m',
      'Wren\u0085',
      'Wren\u2028Writer',
      'Wren \u202eretirW',
      'Wren\u2066x\u2069',
      'Wren\u200f',
    ]) {
      expect({ name, checked: checkDisplayName(name) }).toEqual({
        name,
        checked: { ok: false, message: 'A display name cannot hold control characters such as tabs or line breaks' },
      });
    }
    expect(checkDisplayName('می\u200cخواهم')).toMatchObject({ ok: true });
    expect(checkDisplayName('👩\u200d💻 Ada')).toMatchObject({ ok: true });
  });

  it('refuses anything but text', () => {
    for (const value of [undefined, null, 3, ['Wren'], { name: 'Wren' }]) expect(checkDisplayName(value)).toMatchObject({ ok: false });
  });
});
