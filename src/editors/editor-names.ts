import { Injectable } from '@nestjs/common';
import { Db } from '../database/db.service';
import * as queries from './editor-names.queries';

/** What editors are called where readers see them: an edition's note is signed with this. */
@Injectable()
export class EditorNames {
  constructor(private readonly db: Db) {}

  /** Their display name, else their address; null for no such editor. */
  async signOff(id: number): Promise<string | null> {
    const found = await this.db.run(queries.signOff, { id });
    return found.rows[0]?.name ?? null;
  }
}
