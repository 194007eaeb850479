import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, appConfig } from '../config/config';
import { Db } from '../database/db.service';
import * as queries from './erased-addresses.queries';

/**
 * After erasure only a keyed hash of the address is kept, so that an import or a sign-up form
 * cannot bring the reader back silently, while the list itself reveals no address. Keyed with
 * the app's secret and its previous ones, so a rotation does not forget anyone.
 */
@Injectable()
export class ErasedAddresses {
  private readonly keys: Buffer[];

  constructor(
    private readonly db: Db,
    @Inject(appConfig.KEY) app: AppConfig,
  ) {
    this.keys = [app.secret, ...app.previousSecrets].map((secret) => createHmac('sha256', secret).update('erased addresses v1').digest());
  }

  /** The current key's hash of a normalised (lower-case, trimmed) address. */
  hash(email: string, key = this.keys[0]): string {
    return createHmac('sha256', key).update(email.trim().toLowerCase()).digest('base64url');
  }

  async add(email: string): Promise<void> {
    await this.db.run(queries.add, { this: this.hash(email) });
  }

  /** Which of these addresses (as given) were erased. */
  async erased(emails: string[]): Promise<Set<string>> {
    if (emails.length === 0) return new Set();
    const byHash = new Map<string, string>();
    for (const email of emails) for (const key of this.keys) byHash.set(this.hash(email, key), email);
    const found = await this.db.run(queries.erased, { p1: [...byHash.keys()] });
    return new Set(found.rows.map((row) => byHash.get(row.address_hash)!));
  }

  async isErased(email: string): Promise<boolean> {
    return (await this.erased([email])).size > 0;
  }

  /** A new sign-up by the same person starts afresh: their hash no longer blocks imports. */
  async forget(email: string): Promise<void> {
    await this.db.run(queries.forget, { this: this.keys.map((key) => this.hash(email, key)) });
  }
}
