import { isEditorRole, mayAct, mayTestTo } from './editor-roles';

describe('editor roles', () => {
  it('orders writer < editor < admin', () => {
    expect(mayAct('admin', 'writer')).toBe(true);
    expect(mayAct('editor', 'editor')).toBe(true);
    expect(mayAct('editor', 'admin')).toBe(false);
    expect(mayAct('writer', 'editor')).toBe(false);
  });

  it('knows only the three roles', () => {
    expect(['admin', 'editor', 'writer'].every(isEditorRole)).toBe(true);
    expect(isEditorRole('owner')).toBe(false);
    expect(isEditorRole(undefined)).toBe(false);
  });

  it("lets a writer test-send to their own address only, in any case", () => {
    const writer = { role: 'writer' as const, email: 'nia@newstatesman.co.uk' };
    expect(mayTestTo(writer, ['Nia@NewStatesman.co.uk'])).toBe(true);
    expect(mayTestTo(writer, ['nia@newstatesman.co.uk', 'friend@example.com'])).toBe(false);
    expect(mayTestTo({ ...writer, role: 'editor' }, ['friend@example.com'])).toBe(true);
  });
});
