/**
 * The ceiling for `bench:send`: one pre-built message sent by a bare pooled nodemailer transport
 * to recipients r<from>…r<to>, as fast as the transport and the sink allow. One process per
 * pipeline worker runs this at once.
 */
import { readFileSync } from 'node:fs';
import { createTransport } from 'nodemailer';
import { mailConfig } from '../../src/config/config';
import { DkimSigner } from '../../src/mail/dkim';

const [url, messagePath, fromText, toText, poolText, inFlightText] = process.argv.slice(2);
const raw = readFileSync(messagePath);
const first = Number(fromText);
const last = Number(toText);
// The service's own mail settings (inherited from the bench): the same EHLO name, and with
// --dkim the same key and signer, so each message is signed here as a worker signs it (MailService.sendRaw).
const mail = mailConfig();
const signer = mail.dkim ? new DkimSigner(mail.dkim) : null;
const transport = createTransport({
  url,
  name: mail.ehloName,
  pool: true,
  maxConnections: Number(poolText),
  maxMessages: Infinity,
  maxRequeues: 0,
});

async function main(): Promise<void> {
  let next = first;
  let failed = 0;
  const lane = async () => {
    while (next <= last) {
      const id = next++;
      try {
        await transport.sendMail({ envelope: { from: 'newsletters@bench.test', to: [`r${id}@bench.test`] }, raw: signer ? signer.sign(raw) : raw });
      } catch {
        failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Number(inFlightText) }, lane));
  transport.close();
  // Stays until the parent has read this process's CPU time from /proc, then exits when told.
  process.on('message', () => process.exit(0));
  process.send!({ type: 'done', failed });
}

void main();
