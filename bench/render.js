"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const digest_renderer_1 = require("../src/publishing/digest-renderer");
const node_crypto_1 = require("node:crypto");
const edition_message_1 = require("../src/delivery/edition-message");
const mail_service_1 = require("../src/mail/mail.service");
const templates_service_1 = require("../src/mail/templates.service");
const links_service_1 = require("../src/tokens/links.service");
const args_1 = require("./support/args");
const check_message_1 = require("./support/check-message");
const cpu_account_1 = require("./support/cpu-account");
const results_1 = require("./support/results");
const sample_edition_1 = require("./support/sample-edition");
const table_1 = require("./support/table");
const opts = (0, args_1.options)('npm run bench:render -- [options]', {
    renders: { default: 50, help: 'MJML renders measured per design, after the warm-up' },
    'render-warmup': { default: 5, help: 'MJML renders per design before measuring' },
    recipients: { default: 100_000, help: 'recipients personalised per design' },
    'recipient-warmup': { default: 20_000, help: 'recipients personalised before measuring each step (at most --recipients)' },
});
const PUBLIC_URL = 'https://newsletters.newstatesman.example';
const PRIVACY_POLICY_URL = 'https://www.newstatesman.com/privacy-policy';
const MAIL_FROM = 'New Statesman <newsletters@newstatesman.example>';
const DESIGNS = ['the-saturday-read', 'morning-call'];
const mailConfig = {
    smtpUrl: undefined,
    from: MAIL_FROM,
    unsubscribeMailto: 'unsubscribe@newstatesman.example',
    bounceDomain: 'newstatesman.example',
    poolSize: 1,
    outboxDir: '/nonexistent',
};
const appConfig = { publicUrl: PUBLIC_URL, secret: 'bench-secret-bench-secret-bench-secret-0123', previousSecrets: [] };
const links = new links_service_1.LinksService(appConfig, mailConfig);
const mail = new mail_service_1.MailService(mailConfig);
const consent = { noticeView: async () => sample_edition_1.SAMPLE_NOTICE };
const renderer = new digest_renderer_1.DigestRenderer(new templates_service_1.TemplatesService(), consent, { privacyPolicyUrl: PRIVACY_POLICY_URL, publicUrl: PUBLIC_URL });
const micro = (ns) => Number(ns) / 1000;
const now = () => process.hrtime.bigint();
function input(slug) {
    const newsletter = sample_edition_1.SAMPLE_NEWSLETTERS[slug];
    return {
        newsletter,
        editionId: 4242,
        subject: `${newsletter.name}: Lukashenko goes to Beijing`,
        preheader: 'Why Belarus matters to Xi Jinping, and more.',
        articles: sample_edition_1.SAMPLE_ARTICLES,
    };
}
async function measureRender(slug) {
    const edition = input(slug);
    let digest;
    for (let i = 0; i < opts['render-warmup']; i += 1)
        digest = await renderer.render(edition);
    const ms = [];
    for (let i = 0; i < opts.renders; i += 1) {
        const started = now();
        digest = await renderer.render(edition);
        ms.push(Number(now() - started) / 1e6);
    }
    digest ??= await renderer.render(edition);
    return { digest, stats: (0, results_1.percentiles)(ms) };
}
async function measureRecipients(slug, digest, checks) {
    const newsletter = sample_edition_1.SAMPLE_NEWSLETTERS[slug];
    const edition = {
        id: 4242,
        newsletterId: newsletter.id,
        newsletterSlug: newsletter.slug,
        newsletterName: newsletter.name,
        subject: input(slug).subject,
        html: digest.html,
        text: digest.text,
        placeholderNonce: digest.nonce,
        messageIdSalt: (0, node_crypto_1.randomBytes)(32).toString('hex'),
    };
    const built = now();
    const message = new edition_message_1.EditionMessage(edition, mail, links);
    const buildMs = Number(now() - built) / 1e6;
    const n = opts.recipients;
    const email = (id) => `reader.${id}@example.com`;
    const warmup = Math.min(n, opts['recipient-warmup']);
    const timeEach = (step) => {
        for (let id = 1; id <= warmup; id += 1)
            step(id, false);
        const micros = new Array(n);
        for (let id = 1; id <= n; id += 1) {
            const started = now();
            step(id, true);
            micros[id - 1] = micro(now() - started);
        }
        return micros;
    };
    const buffer = Buffer.allocUnsafeSlow(message.fixedLength + 4096);
    let bytes = 0;
    let reused = 0;
    const sampleEvery = Math.max(1, Math.floor(n / 20));
    const samples = [];
    const whole = timeEach((id, measured) => {
        const { raw, envelopeFrom } = message.forRecipient(id, email(id), buffer);
        bytes += raw.length;
        if (raw.buffer === buffer.buffer)
            reused += 1;
        if (!measured)
            return;
        if (id === 1 || id === n || id % sampleEvery === 0)
            samples.push({ id, raw: Buffer.from(raw), envelopeFrom });
    });
    bytes /= warmup + n;
    checks.push({
        name: `${slug}: every message was written into the reused buffer`,
        ok: reused === warmup + n,
        detail: `${reused} of ${warmup + n}`,
    });
    const allocating = timeEach((id) => message.forRecipient(id, email(id)));
    const hmac = timeEach((id) => links.mailTokens(id, newsletter.id));
    const bounce = timeEach((id) => links.bounceAddress(edition.id, id));
    const messageIds = timeEach((id) => message.messageIdFor(id));
    const values = Array.from({ length: 1000 }, (_, i) => {
        const id = i + 1;
        const tokens = links.mailTokens(id, newsletter.id);
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
    const problems = [];
    for (const { id, raw, envelopeFrom } of samples) {
        const bounceClaims = links.readBounceAddress(envelopeFrom);
        if (bounceClaims?.editionId !== edition.id || bounceClaims.subscriberId !== id)
            problems.push(`reader ${id}: envelope sender is ${envelopeFrom}`);
        const expected = {
            subscriberId: id,
            email: email(id),
            newsletterId: edition.newsletterId,
            subject: edition.subject,
            messageId: message.messageIdFor(id),
            titles: sample_edition_1.SAMPLE_ARTICLES.map((a) => a.title),
        };
        for (const problem of await (0, check_message_1.messageProblems)(raw, expected, links))
            problems.push(`reader ${id}: ${problem}`);
    }
    checks.push({
        name: `${slug}: ${samples.length} sampled messages parse to their reader, links and headers`,
        ok: problems.length === 0,
        detail: problems.length === 0 ? `${samples.length} of ${samples.length}` : `${problems.length} problems, e.g. ${problems[0]}`,
    });
    return {
        buildMs,
        messageBytes: Math.round(bytes),
        forRecipient: (0, results_1.percentiles)(whole),
        forRecipientNewBuffer: (0, results_1.percentiles)(allocating),
        hmacTokens: (0, results_1.percentiles)(hmac),
        bounceAddress: (0, results_1.percentiles)(bounce),
        messageId: (0, results_1.percentiles)(messageIds),
        fill: (0, results_1.percentiles)(fill),
    };
}
async function main() {
    (0, results_1.noteLoad)();
    console.log(`Render bench: ${sample_edition_1.SAMPLE_ARTICLES.length} articles; ${opts.renders} MJML renders per design after ${opts['render-warmup']} to warm up; ` +
        `${opts.recipients.toLocaleString('en-GB')} recipients per design, each step after ` +
        `${Math.min(opts.recipients, opts['recipient-warmup']).toLocaleString('en-GB')} unmeasured`);
    const account = new cpu_account_1.CpuAccount((pid) => (pid === process.pid ? 'bench' : null));
    const checks = [];
    const renders = {};
    const recipients = {};
    for (const slug of DESIGNS) {
        process.stdout.write(`${slug}: MJML … `);
        const { digest, stats } = await measureRender(slug);
        renders[slug] = { ...stats, htmlBytes: Buffer.byteLength(digest.html), textBytes: Buffer.byteLength(digest.text) };
        const missing = sample_edition_1.SAMPLE_ARTICLES.filter((a) => !digest.text.includes(a.title));
        checks.push({
            name: `${slug}: the rendered edition holds all ${sample_edition_1.SAMPLE_ARTICLES.length} articles`,
            ok: missing.length === 0 && renderer.design(slug) === slug,
            detail: missing.length === 0 ? `design ${renderer.design(slug)}` : `missing ${missing.map((a) => a.title).join('; ')}`,
        });
        process.stdout.write(`${(0, table_1.format)(stats.mean)} ms; personalising … `);
        recipients[slug] = await measureRecipients(slug, digest, checks);
        console.log(`${(0, table_1.format)(recipients[slug].forRecipient.mean)} µs per recipient`);
    }
    const cpu = account.stop();
    if (cpu && cpu.otherShare > 0.1) {
        console.log(`Note: other processes used ${(0, table_1.format)(cpu.otherShare * 100)} % of the machine meanwhile: these figures are high.`);
    }
    console.log();
    console.log('MJML render, once per edition (ms)');
    console.log((0, table_1.table)(['design', 'renders', 'mean', 'p50', 'p99', 'max', 'HTML kB', 'text kB'], DESIGNS.map((slug) => {
        const r = renders[slug];
        return [slug, opts.renders, r.mean, r.p50, r.p99, r.max, r.htmlBytes / 1024, r.textBytes / 1024];
    })));
    console.log();
    console.log(`Per recipient (µs), over ${opts.recipients.toLocaleString('en-GB')} recipients per design`);
    console.log((0, table_1.table)(['design', 'step', 'mean', 'p50', 'p99', 'max'], DESIGNS.flatMap((slug) => {
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
    })));
    console.log();
    console.log((0, table_1.table)(['design', 'MIME template built (ms, once per worker)', 'message size kB'], DESIGNS.map((slug) => [slug, recipients[slug].buildMs, recipients[slug].messageBytes / 1024])));
    console.log();
    const worst = Math.max(...DESIGNS.map((slug) => recipients[slug].forRecipient.mean));
    console.log((0, table_1.table)(['target', 'measured', 'met'], [
        ['personalisation ≤ 20 µs per recipient (mean, worst design)', `${(0, table_1.format)(worst)} µs`, worst <= 20 ? 'yes' : 'no'],
        ['MJML rendered once per edition', 'once per design, before any recipient', 'yes'],
    ]));
    const passed = (0, results_1.report)('render', checks, {
        settings: opts,
        articles: sample_edition_1.SAMPLE_ARTICLES.length,
        renders,
        recipients,
        targets: { personalisationMicros: worst <= 20 },
        otherWorkShare: cpu?.otherShare ?? null,
    });
    process.exit(passed ? 0 : 1);
}
main().catch((error) => {
    console.error(error);
    process.exit(1);
});
//# sourceMappingURL=render.js.map