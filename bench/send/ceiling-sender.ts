/**
 * The ceiling for `bench:send`: one pre-built message sent by a bare pooled nodemailer transport
 * to recipients r<from>…r<to>, as fast as the transport and the sink allow. One process per
 * pipeline worker runs this at once.
 */
import { readFileSync } from 'node:fs';
import { createTransport } from 'nodemailer';
import { mailConfig } from '../../src/config/config';
import { dkimOptions } from '../../src/mail/dkim';

const [url, messagePath, fromText, toText, poolText, inFlightText] = process.argv.slice(2);
const raw = readFileSync(messagePath);
const first = Number(fromText);
const last = Number(toText);
// The service's own mail settings (inherited from the bench): the same EHLO name, and with
// --dkim the same key and signed headers, so each message is signed here as a worker signs it.
const mail = mailConfig();
const transport = createTransport({
  url,
  name: mail.ehloName,
  dkim: mail.dkim ? dkimOptions(mail.dkim) : undefined,
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
        await transport.sendMail({ envelope: { from: 'newsletters@bench.test', to: [`r${id}@bench.test`] }, raw });
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
