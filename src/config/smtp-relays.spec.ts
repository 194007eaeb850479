import { smtpRelays } from './smtp-relays';

describe('smtpRelays', () => {
  it('keeps SMTP_URL as the one relay, with SMTP_POOL_SIZE', () => {
    expect(smtpRelays({ SMTP_URL: 'smtp://relay.example:2525', SMTP_POOL_SIZE: 5 })).toEqual([
      { name: 'relay.example:2525', url: 'smtp://relay.example:2525', poolSize: 5, perSecond: 0 },
    ]);
    expect(smtpRelays({ SMTP_POOL_SIZE: 5 })).toEqual([]);
  });

  it('reads relays in order, each with its own pool and rate, taken off the URL', () => {
    const relays = smtpRelays({ SMTP_URLS: 'smtp://user:pw@primary.example:587?pool=8&rate=200, smtps://backup.example?rate=50', SMTP_POOL_SIZE: 5 });
    expect(relays).toEqual([
      { name: 'primary.example:587', url: 'smtp://user:pw@primary.example:587', poolSize: 8, perSecond: 200 },
      { name: 'backup.example:465', url: 'smtps://backup.example', poolSize: 5, perSecond: 50 },
    ]);
  });

  it('refuses what it cannot use, with a one-line reason and no password', () => {
    expect(() => smtpRelays({ SMTP_URL: 'smtp://a:25', SMTP_URLS: 'smtp://b:25', SMTP_POOL_SIZE: 5 })).toThrow('not both');
    expect(() => smtpRelays({ SMTP_URLS: 'http://a.example', SMTP_POOL_SIZE: 5 })).toThrow('must hold smtp:// or smtps:// URLs');
    expect(() => smtpRelays({ SMTP_URLS: 'smtp://u:secret@a.example?pool=0', SMTP_POOL_SIZE: 5 })).toThrow(/\?pool=.*"smtp:\/\/u:\*\*\*@a\.example\?pool=0"/);
    expect(() => smtpRelays({ SMTP_URLS: 'smtp://a.example?rate=fast', SMTP_POOL_SIZE: 5 })).toThrow('?rate=');
    expect(() => smtpRelays({ SMTP_URLS: 'smtp://a.example:25,smtp://a.example', SMTP_POOL_SIZE: 5 })).toThrow('names the relay a.example:25 twice');
  });
});
