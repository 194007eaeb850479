"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = require("node:fs");
const nodemailer_1 = require("nodemailer");
const config_1 = require("../../src/config/config");
const dkim_1 = require("../../src/mail/dkim");
const [url, messagePath, fromText, toText, poolText, inFlightText] = process.argv.slice(2);
const raw = (0, node_fs_1.readFileSync)(messagePath);
const first = Number(fromText);
const last = Number(toText);
const mail = (0, config_1.mailConfig)();
const transport = (0, nodemailer_1.createTransport)({
    url,
    name: mail.ehloName,
    dkim: mail.dkim ? (0, dkim_1.dkimOptions)(mail.dkim) : undefined,
    pool: true,
    maxConnections: Number(poolText),
    maxMessages: Infinity,
    maxRequeues: 0,
});
async function main() {
    let next = first;
    let failed = 0;
    const lane = async () => {
        while (next <= last) {
            const id = next++;
            try {
                await transport.sendMail({ envelope: { from: 'newsletters@bench.test', to: [`r${id}@bench.test`] }, raw });
            }
            catch {
                failed += 1;
            }
        }
    };
    await Promise.all(Array.from({ length: Number(inFlightText) }, lane));
    transport.close();
    process.on('message', () => process.exit(0));
    process.send({ type: 'done', failed });
}
void main();
//# sourceMappingURL=ceiling-sender.js.map