import { clusterTags, queuePrefix, redisOptions, redisTarget } from './redis-connection';

describe('Redis targets', () => {
  it('one server by default: no cluster, and the queue prefix as it always was', () => {
    const target = redisTarget('redis://127.0.0.1:6379');
    expect(target.cluster).toBeNull();
    expect(queuePrefix(target, 'newsletter', 'delivery')).toBe('newsletter');
  });

  it('REDIS_CLUSTER_NODES makes a cluster, REDIS_URL still giving the credentials', () => {
    const target = redisTarget('rediss://app:s%40cret@ignored:6379', '10.0.0.1:7000, 10.0.0.2:7001,[::1]:7002');
    expect(target.cluster).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
      { host: '::1', port: 7002 },
    ]);
    expect(redisOptions(target.url)).toMatchObject({ username: 'app', password: 's@cret', tls: {} });
  });

  it('a redis+cluster:// URL lists its nodes and its credentials', () => {
    const target = redisTarget('redis+cluster://:pw@10.0.0.1:7000,10.0.0.2:7001');
    expect(target.cluster).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
    ]);
    expect(redisOptions(target.url)).toMatchObject({ password: 'pw', tls: undefined, maxRetriesPerRequest: null });
  });

  it("on a cluster each queue's keys carry its own hash tag, under the deployment's prefix", () => {
    const target = redisTarget('redis+cluster://10.0.0.1:7000');
    expect(queuePrefix(target, 'newsletter', 'delivery')).toBe('newsletter:{delivery}');
    expect(queuePrefix(target, 'newsletter', 'reader-mail')).toBe('newsletter:{reader-mail}');
    expect(clusterTags(['delivery', 'feeds'])).toEqual(['{delivery}', '{feeds}', '{clicks}']);
  });
});
