import { routeOf } from './http-metrics';
import { Metrics, replyClass, unsubscribeSource } from './metrics';

describe('metric labels', () => {
  it('an SMTP reply as its class, and none when no reply came', () => {
    expect([250, 421, 451, 550, 554, null, undefined].map(replyClass)).toEqual(['2xx', '4xx', '4xx', '5xx', '5xx', 'none', 'none']);
  });

  it("an unsubscribe's source as one of a few words, never a URL", () => {
    expect(unsubscribeSource('one-click')).toBe('one_click');
    expect(unsubscribeSource('mailto')).toBe('mailto');
    expect(unsubscribeSource('complaint')).toBe('complaint');
    expect(unsubscribeSource('https://newsletters.example.com/unsubscribe')).toBe('link');
    expect(unsubscribeSource('https://newsletters.example.com/preferences')).toBe('preferences');
    expect(unsubscribeSource('https://newsletters.example.com/preferences/delete')).toBe('preferences');
    expect(unsubscribeSource('https://newsletters.example.com/my-data/delete')).toBe('preferences');
    expect(unsubscribeSource('https://evil.example/anything?x=1')).toBe('other');
    expect(unsubscribeSource('api')).toBe('other');
  });

  it('a request by its route pattern, a known mount, or unmatched', () => {
    expect(routeOf({ baseUrl: '', path: '/api/editions/12', route: { path: '/api/editions/:id' } })).toBe('/api/editions/:id');
    expect(routeOf({ baseUrl: '', path: '/r/abc123', route: undefined })).toBe('/r/*');
    expect(routeOf({ baseUrl: '', path: '/admin/queues', route: undefined })).toBe('/admin/queues/*');
    expect(routeOf({ baseUrl: '', path: '/wp-login.php', route: undefined })).toBe('unmatched');
    expect(routeOf({ baseUrl: '', path: '/made/up/path', route: { path: '/{*path}' } })).toBe('unmatched');
  });
});

describe('Metrics', () => {
  it('counts each outcome under its newsletter and reply class, deferrals apart from failures', async () => {
    const metrics = new Metrics();
    metrics.emailOutcome('morning-call', 'sent', 250);
    metrics.emailOutcome('morning-call', 'sent', 250);
    metrics.emailOutcome('morning-call', 'failed', 550);
    metrics.emailOutcome('morning-call', 'pending', 421);
    metrics.emailOutcome('morning-call', 'skipped', undefined);
    const text = await metrics.registry.metrics();
    expect(text).toContain('newsletter_emails_total{newsletter="morning-call",outcome="sent",reply_class="2xx"');
    const value = (outcome: string, reply: string) => Number(new RegExp(`newsletter_emails_total\\{newsletter="morning-call",outcome="${outcome}",reply_class="${reply}",role="[a-z]+"\\} (\\d+)`).exec(text)?.[1]);
    expect([value('sent', '2xx'), value('failed', '5xx'), value('deferred', '4xx'), value('skipped', 'none')]).toEqual([2, 1, 1, 1]);
  });
});
