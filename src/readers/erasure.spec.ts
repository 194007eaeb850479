import { erasureRecord } from './erasure';

describe('how an erasure is written down', () => {
  it("lists a reader's own or an editor's erasure, so no import or sign-up brings the address back silently", () => {
    expect(erasureRecord({ by: 'reader', source: 'https://n.test/preferences/delete' })).toEqual({
      source: 'https://n.test/preferences/delete',
      editorId: null,
      reason: 'Asked for it in the preference centre',
      listAddress: true,
    });
    expect(erasureRecord({ by: 'editor', editorId: 7, source: 'editor' })).toEqual({ source: 'editor', editorId: 7, reason: null, listAddress: true });
  });

  it('never lists an address erased because its sign-up was never confirmed: its owner may not have typed it', () => {
    expect(erasureRecord({ by: 'retention', days: 30 })).toEqual({ source: 'retention', editorId: null, reason: 'Never confirmed in 30 days', listAddress: false });
  });
});
