import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dkimVerify } from 'mailauth';

/** The headers RFC 8058 needs under the signature, and those a reader sees: all oversigned. */
const MUST_BE_SIGNED = ['from', 'to', 'subject', 'date', 'message-id', 'list-unsubscribe', 'list-unsubscribe-post'];

export interface BenchDkim {
  domain: string;
  selector: string;
  keyFile: string;
  /** What is wrong with a message's signature, as a receiver holding the public key sees it. */
  problems(raw: Buffer): Promise<string[]>;
}

/** A 2048-bit RSA key made for the run, written to `keyFile`, and a verifier that knows its public half. */
export function benchDkim(domain: string, selector: string, keyFile: string): BenchDkim {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  const record = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
  const resolver = async (name: string, type: string): Promise<string[][]> => {
    if (type === 'TXT' && name === `${selector}._domainkey.${domain}`) return [[record]];
    throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  };
  return {
    domain,
    selector,
    keyFile,
    async problems(raw) {
      const { results } = await dkimVerify(raw, { resolver });
      if (results.length !== 1) return [`${results.length} DKIM signatures`];
      const [result] = results;
      const problems: string[] = [];
      if (result.status.result !== 'pass') problems.push(`DKIM ${result.status.result} (${result.status.comment ?? ''})`);
      if (result.signingDomain !== domain) problems.push(`DKIM d=${result.signingDomain}`);
      const signature = raw.toString('latin1').replace(/\r\n[ \t]+/g, ' ');
      const signed = (/^DKIM-Signature:.*?\bh=([^;]+)/im.exec(signature)?.[1] ?? '').replace(/\s+/g, '').toLowerCase().split(':');
      // Oversigned: each named once more than the message has it, so an added copy breaks the signature.
      const head = raw.toString('latin1').split(/\r?\n\r?\n/, 1)[0].toLowerCase();
      const occurs = (name: string) => head.split(/\r?\n/).filter((line) => line.startsWith(`${name}:`)).length;
      const short = MUST_BE_SIGNED.filter((name) => signed.filter((n) => n === name).length <= occurs(name));
      if (short.length > 0) problems.push(`DKIM h= does not oversign ${short.join(', ')}`);
      return problems;
    },
  };
}
