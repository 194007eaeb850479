import { Inject, Injectable, Logger } from '@nestjs/common';
import IORedis, { Cluster } from 'ioredis';
import { Metrics } from '../metrics/metrics';
import { REDIS } from '../queue/redis-connection';

/** Why a click was not counted, or 'counted'. */
type ClickKind = 'counted' | 'head' | 'scanner' | 'burst' | 'repeat';

/** What Redis holds for one link of one segment of an edition, not yet flushed to PostgreSQL. */
export interface ClickDelta {
  editionId: number;
  articleId: number;
  segment: number;
  counted: number;
  head: number;
  scanner: number;
  burst: number;
  repeat: number;
}

/** One client following this many distinct links of an edition within BURST_WINDOW_MS is a scanner. */
const BURST_LINKS = 3;
const BURST_WINDOW_MS = 2000;
/**
 * One client following a link again less than this long after its click on it that counted (or
 * made a burst) is a repeat, and counts no more: at most one click per link, client and minute.
 */
const REPEAT_WINDOW_MS = 60_000;
/** How many of a client's latest clicks on an edition are remembered (for REPEAT_WINDOW_MS at most). */
const REMEMBERED = 8;

const FIELD_KINDS: Record<string, keyof Pick<ClickDelta, 'counted' | 'head' | 'scanner' | 'burst' | 'repeat'>> = {
  c: 'counted',
  h: 'head',
  s: 'scanner',
  b: 'burst',
  r: 'repeat',
};
const KIND_FIELDS: Record<ClickKind, string> = { counted: 'c', head: 'h', scanner: 's', burst: 'b', repeat: 'r' };

/**
 * A batch of clicks, in the order they came. KEYS: the set of editions with counts to flush.
 * ARGV: the prefixed base of the click keys (the keys a click touches depend on its edition and
 * client, so the script names them itself; on a Redis Cluster the base is a hash tag, which keeps
 * them in the slot of KEYS[1]), burst window ms, burst links, clicks remembered per client, repeat
 * window ms, then six values per click: edition, article, segment, kind ('c' to be checked for a
 * repeat and a burst; 'h' or 's' already discounted), client tag, time (ms).
 *
 * Per edition, a hash of counts by `article:segment:kind`; per edition and client, a short list of
 * its latest clicks that counted or made a burst, kept for the repeat window. A click on a link
 * the list holds is a repeat, and changes nothing else: one client following one link 48,000
 * times in 10 s counts once, and at most once a minute however long it goes on. Otherwise a click
 * that makes BURST_LINKS distinct links within the burst window is discounted, and so are the
 * client's earlier clicks in it: they move from counted to discounted. If one of them was flushed
 * already, the next flush carries counted -1 / burst +1, which PostgreSQL adds up to the same
 * figures.
 */
const CLICKS = `
local base = ARGV[1]
local window = tonumber(ARGV[2])
local burstLinks = tonumber(ARGV[3])
local remembered = tonumber(ARGV[4])
local repeatWindow = tonumber(ARGV[5])
for i = 6, #ARGV, 6 do
  local edition, article, segment, kind, client, now = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], tonumber(ARGV[i + 5])
  local counts = base .. ':edition:' .. edition
  redis.call('SADD', KEYS[1], edition)
  if kind ~= 'c' then
    redis.call('HINCRBY', counts, article .. ':' .. segment .. ':' .. kind, 1)
  else
    local recent = base .. ':recent:' .. edition .. ':' .. client
    local kept = {}
    local repeated = false
    local seen = { [article] = true }
    local distinct = 1
    for _, entry in ipairs(redis.call('LRANGE', recent, 0, -1)) do
      local at, a, s, state = string.match(entry, '^(%d+):(%d+):(%d+):(%a)$')
      local age = at and now - tonumber(at)
      if age and age < repeatWindow then
        local inBurst = age < window
        kept[#kept + 1] = { at, a, s, state, inBurst }
        if a == article and s == segment then
          repeated = true
        end
        if inBurst and not seen[a] then
          seen[a] = true
          distinct = distinct + 1
        end
      end
    end
    if repeated then
      redis.call('HINCRBY', counts, article .. ':' .. segment .. ':r', 1)
    else
      local state = 'c'
      if distinct >= burstLinks then
        state = 'b'
        for _, k in ipairs(kept) do
          if k[5] and k[4] == 'c' then
            redis.call('HINCRBY', counts, k[2] .. ':' .. k[3] .. ':c', -1)
            redis.call('HINCRBY', counts, k[2] .. ':' .. k[3] .. ':b', 1)
            k[4] = 'b'
          end
        end
      end
      redis.call('HINCRBY', counts, article .. ':' .. segment .. ':' .. state, 1)
      kept[#kept + 1] = { ARGV[i + 5], article, segment, state }
      local entries = {}
      for j = math.max(1, #kept - remembered + 1), #kept do
        entries[#entries + 1] = table.concat(kept[j], ':', 1, 4)
      end
      redis.call('DEL', recent)
      redis.call('RPUSH', recent, unpack(entries))
      redis.call('PEXPIRE', recent, repeatWindow)
    end
  end
end
return 1
`;

/** An edition's counts, taken: read and deleted in one step, so no click falls between the two. */
const TAKE = `
local counts = redis.call('HGETALL', KEYS[1])
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[1])
return counts
`;

/** Counts taken but not written to PostgreSQL, added back. ARGV: edition, then field, count pairs. */
const PUT_BACK = `
for i = 2, #ARGV, 2 do
  redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1])
end
redis.call('SADD', KEYS[2], ARGV[1])
return 1
`;

/**
 * Every click key starts with this. On a Redis Cluster it is a hash tag, so the scripts' keys
 * (the pending set and each edition's counts and clients) share one slot; on one Redis the names
 * stay as they always were.
 */
const clickBase = (redis: IORedis | Cluster) => (redis instanceof Cluster ? '{clicks}' : 'clicks');
/** Clicks go to Redis together, at most this long after the first of them… */
const BATCH_MS = 10;
/** …or as soon as this many have come. */
const BATCH_CLICKS = 250;

interface ClickCommands {
  clickCount(pending: string, ...args: Array<string | number>): Promise<number>;
  clickTake(counts: string, pending: string, editionId: number): Promise<string[]>;
  clickPutBack(counts: string, pending: string, editionId: number, ...fieldsAndCounts: Array<string | number>): Promise<number>;
}

/** One click as the redirect saw it. `client` is an opaque tag of the client's address, never the address itself. */
export interface Click {
  editionId: number;
  articleId: number;
  segment: number;
  kind: 'candidate' | 'head' | 'scanner';
  client: string;
}

/**
 * Click counts in Redis, under the deployment's key prefix: a hash per edition of counts per
 * article, segment and kind, and the set of editions that have some. Clicks are sent in batches,
 * one Lua call per 10 ms (or per 250 clicks) however many clicks come, rather than a round trip
 * each: on a busy API process a round trip per click cost as much as answering the redirect.
 * A process that dies loses at most the batch it holds.
 */
@Injectable()
export class ClickCounter {
  private readonly logger = new Logger(ClickCounter.name);
  private readonly commands: ClickCommands;
  private batch: Array<string | number> = [];
  private timer?: NodeJS.Timeout;
  private readonly sending = new Set<Promise<unknown>>();
  private lastLost = 0;
  private readonly base: string;
  private readonly pending: string;

  constructor(
    @Inject(REDIS) private readonly redis: IORedis,
    metrics: Metrics,
  ) {
    this.base = clickBase(redis);
    this.pending = `${this.base}:pending`;
    metrics.scrapeGauge('newsletter_clicks_unflushed', 'Clicks counted in Redis and not yet flushed to PostgreSQL (the click flush backlog)', () => this.unflushed());
    redis.defineCommand('clickCount', { numberOfKeys: 1, lua: CLICKS });
    redis.defineCommand('clickTake', { numberOfKeys: 2, lua: TAKE });
    redis.defineCommand('clickPutBack', { numberOfKeys: 2, lua: PUT_BACK });
    this.commands = redis as unknown as ClickCommands;
  }

  /** Queues a click for the next batch. */
  record(click: Click): void {
    this.batch.push(click.editionId, click.articleId, click.segment, click.kind === 'candidate' ? 'c' : KIND_FIELDS[click.kind], click.client, Date.now());
    if (this.batch.length >= BATCH_CLICKS * 6) this.send();
    else this.timer ??= setTimeout(() => this.send(), BATCH_MS);
  }

  /** Sends the clicks queued so far and waits for every batch on its way: before a flush, and as the process stops. */
  async drain(): Promise<void> {
    this.send();
    await Promise.allSettled([...this.sending]);
  }

  private send(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.batch.length === 0) return;
    const clicks = this.batch;
    this.batch = [];
    // While Redis is away a batch is dropped, not queued without bound: the readers' redirects never wait for it.
    if (this.redis.status !== 'ready') return this.lost(clicks.length / 6, 'Redis is not connected');
    const sent = this.commands
      .clickCount(this.pending, `${this.redis.options.keyPrefix ?? ''}${this.base}`, BURST_WINDOW_MS, BURST_LINKS, REMEMBERED, REPEAT_WINDOW_MS, ...clicks)
      .catch((error: Error) => this.lost(clicks.length / 6, error.message))
      .finally(() => this.sending.delete(sent));
    this.sending.add(sent);
  }

  private lost(clicks: number, reason: string): void {
    if (Date.now() - this.lastLost < 10_000) return;
    this.lastLost = Date.now();
    this.logger.warn(`${clicks} clicks not counted: ${reason} (this is said once in 10 s)`);
  }

  /** Editions with counts waiting to be flushed. */
  async pendingEditions(): Promise<number[]> {
    return (await this.redis.smembers(this.pending)).map(Number).filter((id) => Number.isInteger(id) && id > 0);
  }

  /** Takes an edition's counts out of Redis (they are gone from it once this returns). */
  async take(editionId: number): Promise<ClickDelta[]> {
    return parseCounts(editionId, await this.commands.clickTake(this.countsKey(editionId), this.pending, editionId));
  }

  /** Counts not yet flushed, left in place: for a report that should not wait for the next flush. */
  async peek(editionId: number): Promise<ClickDelta[]> {
    const fields = await this.redis.hgetall(this.countsKey(editionId));
    return parseCounts(editionId, Object.entries(fields).flat());
  }

  /** Clicks of every kind waiting in Redis for the next flush (a burst's moves cancel out). */
  async unflushed(): Promise<number> {
    let clicks = 0;
    for (const editionId of (await this.pendingEditions()).slice(0, 200)) {
      for (const value of await this.redis.hvals(this.countsKey(editionId))) clicks += Number(value) || 0;
    }
    return clicks;
  }

  private countsKey(editionId: number): string {
    return `${this.base}:edition:${editionId}`;
  }

  /** Puts taken counts back, after PostgreSQL refused them, for the next flush. */
  async putBack(deltas: ClickDelta[]): Promise<void> {
    const byEdition = new Map<number, Array<string | number>>();
    for (const delta of deltas) {
      const pairs = byEdition.get(delta.editionId) ?? [];
      for (const [field, kind] of Object.entries(FIELD_KINDS)) {
        if (delta[kind] !== 0) pairs.push(`${delta.articleId}:${delta.segment}:${field}`, delta[kind]);
      }
      byEdition.set(delta.editionId, pairs);
    }
    for (const [editionId, pairs] of byEdition) {
      if (pairs.length > 0) await this.commands.clickPutBack(this.countsKey(editionId), this.pending, editionId, ...pairs);
    }
  }
}

/** HGETALL's flat [field, value, …] as one delta per article and segment. */
export function parseCounts(editionId: number, flat: string[]): ClickDelta[] {
  const byLink = new Map<string, ClickDelta>();
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const match = /^(\d+):(\d+):([chsbr])$/.exec(flat[i]);
    const value = Number(flat[i + 1]);
    if (!match || !Number.isInteger(value)) continue;
    const key = `${match[1]}:${match[2]}`;
    let delta = byLink.get(key);
    if (!delta) {
      delta = { editionId, articleId: Number(match[1]), segment: Number(match[2]), counted: 0, head: 0, scanner: 0, burst: 0, repeat: 0 };
      byLink.set(key, delta);
    }
    delta[FIELD_KINDS[match[3]]] += value;
  }
  return [...byLink.values()];
}
