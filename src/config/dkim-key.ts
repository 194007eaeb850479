import { createPrivateKey, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface DkimKey {
  /** d=: the domain whose DNS publishes the public key (`<selector>._domainkey.<domain>`). */
  domain: string;
  /** s= */
  selector: string;
  privateKey: KeyObject;
}

/**
 * Reads and checks a PEM private key once, at start. nodemailer signs rsa-sha256 only, and
 * quietly sends a message unsigned when its key cannot sign: so anything but an unencrypted RSA
 * key of at least 1024 bits (receivers' minimum; 2048 is the norm) is refused here, with the reason.
 */
export function readDkimKey(path: string): KeyObject {
  let pem: Buffer;
  try {
    pem = readFileSync(path);
  } catch (error) {
    throw new Error(`cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new Error('is not an unencrypted PEM private key');
  }
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`holds a ${key.asymmetricKeyType} key; DKIM signing here needs RSA`);
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 1024) throw new Error(`holds a ${bits}-bit RSA key; receivers need at least 1024 (use 2048)`);
  return key;
}
