"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.messageProblems = messageProblems;
const mailparser_1 = require("mailparser");
const node_html_parser_1 = require("node-html-parser");
async function messageProblems(raw, expected, links) {
    const problems = [];
    const parsed = await (0, mailparser_1.simpleParser)(raw);
    const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
    if (to?.value[0]?.address !== expected.email)
        problems.push(`To is ${to?.text}`);
    if (parsed.messageId !== expected.messageId)
        problems.push(`Message-ID is ${parsed.messageId}`);
    if (parsed.subject !== expected.subject)
        problems.push(`Subject is ${parsed.subject}`);
    const header = (key) => (parsed.headerLines.find((h) => h.key === key)?.line ?? '').replace(/\r?\n[ \t]+/g, ' ');
    const listUnsubscribe = header('list-unsubscribe');
    const oneClick = /<(https:[^>]+)>/.exec(listUnsubscribe)?.[1];
    const token = oneClick ? new URL(oneClick).searchParams.get('token') : null;
    const claims = links.verify(token, 'unsubscribe');
    if (claims?.subscriberId !== expected.subscriberId || claims.newsletterId !== expected.newsletterId) {
        problems.push(`List-Unsubscribe is ${listUnsubscribe}`);
    }
    const mailto = /<mailto:([^?>]+)/.exec(listUnsubscribe)?.[1] ?? '';
    const byMail = links.readUnsubscribeAddress(mailto);
    if (byMail?.subscriberId !== expected.subscriberId || byMail.newsletterId !== expected.newsletterId)
        problems.push(`List-Unsubscribe mailto is ${mailto}`);
    if (header('list-unsubscribe-post') !== 'List-Unsubscribe-Post: List-Unsubscribe=One-Click')
        problems.push('no List-Unsubscribe-Post');
    const html = typeof parsed.html === 'string' ? parsed.html : '';
    const text = parsed.text ?? '';
    const hrefs = (0, node_html_parser_1.parse)(html)
        .querySelectorAll('a')
        .map((a) => a.getAttribute('href') ?? '');
    const preferences = hrefs.find((href) => href.includes('/preferences?token='));
    const prefClaims = links.verify(preferences ? new URL(preferences).searchParams.get('token') : null, 'preferences');
    if (prefClaims?.subscriberId !== expected.subscriberId)
        problems.push(`preferences link in HTML is ${preferences}`);
    if (!oneClick || !hrefs.includes(oneClick))
        problems.push('HTML lacks the unsubscribe link');
    if (!text.includes(`Unsubscribe: ${oneClick}`))
        problems.push('text lacks the unsubscribe link');
    if (!html.includes(expected.email) || !text.includes(expected.email))
        problems.push('the address is not in both parts');
    for (const title of expected.titles) {
        if (!text.includes(title))
            problems.push(`text lacks "${title}"`);
    }
    return problems;
}
//# sourceMappingURL=check-message.js.map