/**
 * Rendering costs: an edition's MJML render (once per edition, per design) and what each
 * recipient costs after that: EditionMessage.forRecipient (the link and unsubscribe-address
 * tokens, one HMAC; the VERP bounce address, one keyed hash; the Message-ID, one hash; MimeTemplate.fill)
 * into a reused buffer, as a delivery worker calls it, with a new buffer per message, and fill,
 * the tokens, the bounce address and the Message-ID alone beside it. No database, no Redis: the services are
 * built directly, as the unit specs build them.
 *
 *   npm run bench:render
 *   npm run bench:render -- --recipients 2000     # CI size
 *
 * Timings are reported, never asserted. The exit code says whether sampled messages parsed back
 * to the right recipient, headers and links.
 */
import type { AppConfig, MailConfig } from '../src/config/config';
import type { ConsentService } from '../src/consent/consent.service';
import { DigestInput, DigestRenderer, RenderedDigest } from '../src/publishing/digest-renderer';
import { randomBytes, randomUUID } from 'node:crypto';
import { EditionMessage } from '../src/delivery/edition-message';
import type { RenderedEdition } from '../src/editions/editions.service';
import { MailService } from '../src/mail/mail.service';
import { TemplatesService } from '../src/mail/templates.service';
import { LinksService } from '../src/tokens/links.service';
import { options } from './support/args';
import { messageProblems } from './support/check-message';
import { CpuAccount } from './support/cpu-account';
import { Check, noteLoad, percentiles, report } from './support/results';
import { SAMPLE_ARTICLES, SAMPLE_NEWSLETTERS, SAMPLE_NOTICE } from './support/sample-edition';
import { format, table } from './support/table';

const opts = options('npm run bench:render -- [options]', {
  renders: { default: 50, help: 'MJML renders measured per design, after the warm-up' },
  'render-warmup': { default: 5, help: 'MJML renders per design before measuring' },
  recipients: { default: 100_000, help: 'recipients personalised per design' },
  'recipient-warmup': { default: 20_000, help: 'recipients personalised before measuring each step (at most --recipients)' },
});

const PUBLIC_URL = 'https://newsletters.newstatesman.example';
const PRIVACY_POLICY_URL = 'https://www.newstatesman.com/privacy-policy';
const MAIL_FROM = 'New Statesman <newsletters@newstatesman.example>';
const DESIGNS = ['the-saturday-read', 'morning-call'] as const;

const mailConfig = {
  smtpUrl: undefined,
  from: MAIL_FROM,
  unsubscribeMailto: 'unsubscribe@newstatesman.example',
  bounceDomain: 'newstatesman.example',
  poolSize: 1,
  outboxDir: '/nonexistent',
} as MailConfig;
const appConfig = { publicUrl: PUBLIC_URL, secret: 'bench-secret-bench-secret-bench-secret-0123', previousSecrets: [] } as unknown as AppConfig;

const links = new LinksService(appConfig, mailConfig);
const mail = new MailService(mailConfig);
const consent = { noticeView: async () => SAMPLE_NOTICE } as unknown as ConsentService;
const renderer = new DigestRenderer(new TemplatesService(), consent, { privacyPolicyUrl: PRIVACY_POLICY_URL, publicUrl: PUBLIC_URL });

const micro = (ns: bigint | number) => Number(ns) / 1000;
const now = () => process.hrtime.bigint();

function input(slug: (typeof DESIGNS)[number]): DigestInput {
  const newsletter = SAMPLE_NEWSLETTERS[slug];
  return {
    newsletter,
    editionId: 4242,
    subject: `${newsletter.name}: Lukashenko goes to Beijing`,
    preheader: 'Why Belarus matters to Xi Jinping, and more.',
    articles: SAMPLE_ARTICLES,
  };
}

async function measureRender(slug: (typeof DESIGNS)[number]) {
  const edition = input(slug);
  let digest: RenderedDigest | undefined;
  for (let i = 0; i < opts['render-warmup']; i += 1) digest = await renderer.render(edition);
  const ms: number[] = [];
  for (let i = 0; i < opts.renders; i += 1) {
    const started = now();
    digest = await renderer.render(edition);
    ms.push(Number(now() - started) / 1e6);
  }
  digest ??= await renderer.render(edition);
  return { digest, stats: percentiles(ms) };
}

async function measureRecipients(slug: (typeof DESIGNS)[number], digest: RenderedDigest, checks: Check[]) {
  const newsletter = SAMPLE_NEWSLETTERS[slug];
  const edition: RenderedEdition = {
    id: 4242,
    newsletterId: newsletter.id,
    newsletterSlug: newsletter.slug,
    newsletterName: newsletter.name,
    subject: input(slug).subject,
    html: digest.html,
    text: digest.text,
    placeholderNonce: digest.nonce,
    messageIdSalt: randomBytes(32).toString('hex'),
  };
  const built = now();
  const message = new EditionMessage(edition, mail, links);
  const buildMs = Number(now() - built) / 1e6;
  const n = opts.recipients;
  const email = (id: number) => `reader.${id}@example.com`;
  // Each reader's public id, as the claim gives it alongside the subscriber id.
  const publicIds = Array.from({ length: n + 1 }, () => randomUUID());
  const publicId = (id: number) => publicIds[id % publicIds.length];

  // Each step first runs unmeasured, as it has in a worker that is a few seconds into a send.
  const warmup = Math.min(n, opts['recipient-warmup']);
  const timeEach = (step: (id: number, measured: boolean) => void): number[] => {
    for (let id = 1; id <= warmup; id += 1) step(id, false);
    const micros: number[] = new Array(n);
    for (let id = 1; id <= n; id += 1) {
      const started = now();
      step(id, true);
      micros[id - 1] = micro(now() - started);
    }
    return micros;
  };

  // The whole per-recipient step as a delivery worker runs it: into a buffer it reuses.
  const buffer = Buffer.allocUnsafeSlow(message.fixedLength + 4096);
  let bytes = 0;
  let reused = 0;
  const sampleEvery = Math.max(1, Math.floor(n / 20));
  const samples: Array<{ id: number; raw: Buffer; envelopeFrom: string }> = [];
  const whole = timeEach((id, measured) => {
    const { raw, envelopeFrom } = message.forRecipient(id, publicId(id), email(id), buffer);
    bytes += raw.length;
    if (raw.buffer === buffer.buffer) reused += 1;
    if (!measured) return;
    // One message in n/20 is copied out for checking (inside the clock: a 2 µs copy, 21 times).
    if (id === 1 || id === n || id % sampleEvery === 0) samples.push({ id, raw: Buffer.from(raw), envelopeFrom });
  });
  bytes /= warmup + n;
  checks.push({
    name: `${slug}: every message was written into the reused buffer`,
    ok: reused === warmup + n,
    detail: `${reused} of ${warmup + n}`,
  });

  // The same with a new buffer per message (what fill does without one).
  const allocating = timeEach((id) => message.forRecipient(id, publicId(id), email(id)));

  // The reader's two link tokens and unsubscribe address token alone (one HMAC signs all three).
  const hmac = timeEach((id) => links.mailTokens(publicId(id), newsletter.id));
  // The VERP envelope sender alone (one keyed hash), and the Message-ID alone (one hash).
  const bounce = timeEach((id) => links.bounceAddress(edition.id, publicId(id)));
  const messageIds = timeEach((id) => message.messageIdFor(id));

  // MimeTemplate.fill alone: the message's own template, with values made beforehand (a
  // rotating set of 1,000 readers).
  const values = Array.from({ length: 1000 }, (_, i) => {
    const id = i + 1;
    const tokens = links.mailTokens(publicId(id), newsletter.id);
    return {
      EMAIL: email(id),
      DATE: 'Sat, 04 Mar 2023 07:00:00 +0000',
      MESSAGE_ID: message.messageIdFor(id),
      UNSUBSCRIBE_TOKEN: tokens.unsubscribe,
      PREFERENCES_TOKEN: tokens.preferences,
      UNSUBSCRIBE_ADDRESS_TOKEN: tokens.unsubscribeAddress,
    };
  });
  const template = message.template;
  const fill = timeEach((id) => template.fill(values[id % 1000], buffer));

  const problems: string[] = [];
  for (const { id, raw, envelopeFrom } of samples) {
    const bounceClaims = links.readBounceAddress(envelopeFrom);
    if (bounceClaims?.editionId !== edition.id || !('publicId' in bounceClaims.reader) || bounceClaims.reader.publicId !== publicId(id)) {
      problems.push(`reader ${id}: envelope sender is ${envelopeFrom}`);
    }
    const expected = {
      publicId: publicId(id),
      email: email(id),
      newsletterId: edition.newsletterId,
      subject: edition.subject,
      messageId: message.messageIdFor(id),
      titles: SAMPLE_ARTICLES.map((a) => a.title),
    };
    for (const problem of await messageProblems(raw, expected, links)) problems.push(`reader ${id}: ${problem}`);
  }
  checks.push({
    name: `${slug}: ${samples.length} sampled messages parse to their reader, links and headers`,
    ok: problems.length === 0,
    detail: problems.length === 0 ? `${samples.length} of ${samples.length}` : `${problems.length} problems, e.g. ${problems[0]}`,
  });

  return {
    buildMs,
    messageBytes: Math.round(bytes),
    forRecipient: percentiles(whole),
    forRecipientNewBuffer: percentiles(allocating),
    hmacTokens: percentiles(hmac),
    bounceAddress: percentiles(bounce),
    messageId: percentiles(messageIds),
    fill: percentiles(fill),
  };
}

async function main(): Promise<void> {
  noteLoad();
  console.log(
    `Render bench: ${SAMPLE_ARTICLES.length} articles; ${opts.renders} MJML renders per design after ${opts['render-warmup']} to warm up; ` +
      `${opts.recipients.toLocaleString('en-GB')} recipients per design, each step after ` +
      `${Math.min(opts.recipients, opts['recipient-warmup']).toLocaleString('en-GB')} unmeasured`,
  );
  const account = new CpuAccount((pid) => (pid === process.pid ? 'bench' : null));
  const checks: Check[] = [];
  const renders: Record<string, ReturnType<typeof percentiles> & { htmlBytes: number; textBytes: number }> = {};
  const recipients: Record<string, Awaited<ReturnType<typeof measureRecipients>>> = {};
  for (const slug of DESIGNS) {
    process.stdout.write(`${slug}: MJML … `);
    const { digest, stats } = await measureRender(slug);
    renders[slug] = { ...stats, htmlBytes: Buffer.byteLength(digest.html), textBytes: Buffer.byteLength(digest.text) };
    const missing = SAMPLE_ARTICLES.filter((a) => !digest.text.includes(a.title));
    checks.push({
      name: `${slug}: the rendered edition holds all ${SAMPLE_ARTICLES.length} articles`,
      ok: missing.length === 0 && renderer.design(slug) === slug,
      detail: missing.length === 0 ? `design ${renderer.design(slug)}` : `missing ${missing.map((a) => a.title).join('; ')}`,
    });
    process.stdout.write(`${format(stats.mean)} ms; personalising … `);
    recipients[slug] = await measureRecipients(slug, digest, checks);
    console.log(`${format(recipients[slug].forRecipient.mean)} µs per recipient`);
  }

  const cpu = account.stop();
  if (cpu && cpu.otherShare > 0.1) {
    console.log(`Note: other processes used ${format(cpu.otherShare * 100)} % of the machine meanwhile: these figures are high.`);
  }
  console.log();
  console.log('MJML render, once per edition (ms)');
  console.log(
    table(
      ['design', 'renders', 'mean', 'p50', 'p99', 'max', 'HTML kB', 'text kB'],
      DESIGNS.map((slug) => {
        const r = renders[slug];
        return [slug, opts.renders, r.mean, r.p50, r.p99, r.max, r.htmlBytes / 1024, r.textBytes / 1024];
      }),
    ),
  );
  console.log();
  console.log(`Per recipient (µs), over ${opts.recipients.toLocaleString('en-GB')} recipients per design`);
  console.log(
    table(
      ['design', 'step', 'mean', 'p50', 'p99', 'max'],
      DESIGNS.flatMap((slug) => {
        const r = recipients[slug];
        return [
          [slug, 'forRecipient (tokens + fill), reused buffer', r.forRecipient.mean, r.forRecipient.p50, r.forRecipient.p99, r.forRecipient.max],
          [
            slug,
            'forRecipient, a new buffer per message',
            r.forRecipientNewBuffer.mean,
            r.forRecipientNewBuffer.p50,
            r.forRecipientNewBuffer.p99,
            r.forRecipientNewBuffer.max,
          ],
          [slug, 'MimeTemplate.fill alone, reused buffer', r.fill.mean, r.fill.p50, r.fill.p99, r.fill.max],
          [slug, 'link and unsubscribe-address tokens alone (one HMAC)', r.hmacTokens.mean, r.hmacTokens.p50, r.hmacTokens.p99, r.hmacTokens.max],
          [slug, 'VERP bounce address alone (one keyed hash)', r.bounceAddress.mean, r.bounceAddress.p50, r.bounceAddress.p99, r.bounceAddress.max],
          [slug, 'Message-ID alone (one hash)', r.messageId.mean, r.messageId.p50, r.messageId.p99, r.messageId.max],
        ];
      }),
    ),
  );
  console.log();
  console.log(
    table(
      ['design', 'MIME template built (ms, once per worker)', 'message size kB'],
      DESIGNS.map((slug) => [slug, recipients[slug].buildMs, recipients[slug].messageBytes / 1024]),
    ),
  );
  console.log();
  const worst = Math.max(...DESIGNS.map((slug) => recipients[slug].forRecipient.mean));
  console.log(
    table(
      ['target', 'measured', 'met'],
      [
        ['personalisation ≤ 20 µs per recipient (mean, worst design)', `${format(worst)} µs`, worst <= 20 ? 'yes' : 'no'],
        ['MJML rendered once per edition', 'once per design, before any recipient', 'yes'],
      ],
    ),
  );
  const passed = report('render', checks, {
    settings: opts,
    articles: SAMPLE_ARTICLES.length,
    renders,
    recipients,
    targets: { personalisationMicros: worst <= 20 },
    otherWorkShare: cpu?.otherShare ?? null,
  });
  process.exit(passed ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
