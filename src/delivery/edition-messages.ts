import { Injectable } from '@nestjs/common';
import { EditionsService } from '../editions/editions.service';
import { MailService } from '../mail/mail.service';
import { LinksService } from '../tokens/links.service';
import { EditionMessage } from './edition-message';

// A worker sends a handful of editions at a time at most.
const KEPT = 8;

/** Each edition's message, built once per worker process from its stored rendering. */
@Injectable()
export class EditionMessages {
  private readonly messages = new Map<number, Promise<EditionMessage>>();

  constructor(
    private readonly editions: EditionsService,
    private readonly mail: MailService,
    private readonly links: LinksService,
  ) {}

  get(editionId: number): Promise<EditionMessage> {
    let cached = this.messages.get(editionId);
    if (!cached) {
      cached = this.load(editionId);
      cached.catch(() => this.messages.delete(editionId));
      this.messages.set(editionId, cached);
      if (this.messages.size > KEPT) this.messages.delete(this.messages.keys().next().value!);
    }
    return cached;
  }

  forget(editionId: number): void {
    this.messages.delete(editionId);
  }

  private async load(editionId: number): Promise<EditionMessage> {
    const edition = await this.editions.rendered(editionId);
    if (!edition) throw new Error(`Edition ${editionId} has not been rendered`);
    return new EditionMessage(edition, this.mail, this.links, await this.editions.versions(editionId));
  }
}
