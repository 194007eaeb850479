import { subscriptionChanges } from './subscription-changes';

describe('what the preference centre changes', () => {
  const MORNING = 1;
  const SATURDAY = 2;
  const both = [MORNING, SATURDAY];

  it('starts a ticked newsletter at once, whether the reader never had it, left it or awaits confirming it', () => {
    expect(subscriptionChanges(new Map(), new Set([MORNING]), both)).toEqual([{ newsletterId: MORNING, from: null, to: 'active' }]);
    expect(subscriptionChanges(new Map([[MORNING, 'unsubscribed']]), new Set([MORNING]), both)).toEqual([{ newsletterId: MORNING, from: 'unsubscribed', to: 'active' }]);
    expect(subscriptionChanges(new Map([[MORNING, 'pending']]), new Set([MORNING]), both)).toEqual([{ newsletterId: MORNING, from: 'pending', to: 'active' }]);
  });

  it('leaves an unticked newsletter the reader receives or awaits', () => {
    const current = new Map([
      [MORNING, 'active' as const],
      [SATURDAY, 'pending' as const],
    ]);
    expect(subscriptionChanges(current, new Set(), both)).toEqual([
      { newsletterId: MORNING, from: 'active', to: 'unsubscribed' },
      { newsletterId: SATURDAY, from: 'pending', to: 'unsubscribed' },
    ]);
  });

  it('changes nothing, and so records nothing, when the form says what is already so', () => {
    const current = new Map([
      [MORNING, 'active' as const],
      [SATURDAY, 'unsubscribed' as const],
    ]);
    expect(subscriptionChanges(current, new Set([MORNING]), both)).toEqual([]);
    expect(subscriptionChanges(new Map(), new Set(), both)).toEqual([]);
  });
});
