"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.benchDkim = benchDkim;
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const mailauth_1 = require("mailauth");
const MUST_BE_SIGNED = ['from', 'to', 'subject', 'date', 'message-id', 'list-unsubscribe', 'list-unsubscribe-post'];
function benchDkim(domain, selector, keyFile) {
    const { privateKey, publicKey } = (0, node_crypto_1.generateKeyPairSync)('rsa', { modulusLength: 2048 });
    (0, node_fs_1.writeFileSync)(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const record = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
    const resolver = async (name, type) => {
        if (type === 'TXT' && name === `${selector}._domainkey.${domain}`)
            return [[record]];
        throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    };
    return {
        domain,
        selector,
        keyFile,
        async problems(raw) {
            const { results } = await (0, mailauth_1.dkimVerify)(raw, { resolver });
            if (results.length !== 1)
                return [`${results.length} DKIM signatures`];
            const [result] = results;
            const problems = [];
            if (result.status.result !== 'pass')
                problems.push(`DKIM ${result.status.result} (${result.status.comment ?? ''})`);
            if (result.signingDomain !== domain)
                problems.push(`DKIM d=${result.signingDomain}`);
            const signature = raw.toString('latin1').replace(/\r\n[ \t]+/g, ' ');
            const signed = (/^DKIM-Signature:.*?\bh=([^;]+)/im.exec(signature)?.[1] ?? '').replace(/\s+/g, '').toLowerCase().split(':');
            const unsigned = MUST_BE_SIGNED.filter((name) => !signed.includes(name));
            if (unsigned.length > 0)
                problems.push(`DKIM h= lacks ${unsigned.join(', ')}`);
            return problems;
        },
    };
}
//# sourceMappingURL=check-dkim.js.map