import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, appConfig } from '../config/config';
import { PROJECT_ROOT } from '../config/paths';
import { ConsentService } from '../consent/consent.service';
import { TemplatesService } from '../mail/templates.service';
import { NewslettersService } from '../newsletters/newsletters.service';

/** The script is the repository's own (not a deployment's TEMPLATES_DIR): it must match this server. */
const SCRIPT = join(PROJECT_ROOT, 'templates', 'embed', 'embed.js');

export interface FramePageOptions {
  newsletters: string;
  sectors: 'on' | 'off';
  articleUrl: string;
  parentOrigin: string | null;
}

/** What the embedded box is made of: its script, the choices it offers, and its page for an iframe. */
@Injectable()
export class EmbedBox {
  private compiled?: { plain: Buffer; gzip: Buffer };

  constructor(
    private readonly catalogue: NewslettersService,
    private readonly consent: ConsentService,
    private readonly templates: TemplatesService,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
  ) {}

  /** Read and compressed once. */
  script(): { plain: Buffer; gzip: Buffer } {
    if (!this.compiled) {
      const plain = readFileSync(SCRIPT);
      this.compiled = { plain, gzip: gzipSync(plain, { level: 9 }) };
    }
    return this.compiled;
  }

  /** The newsletters, sectors and notice the box shows: the same as the sign-up page. */
  async form() {
    const notice = await this.consent.noticeView();
    return {
      newsletters: (await this.catalogue.list()).map((n) => ({ slug: n.slug, name: n.name, blurb: n.blurb })),
      sectors: (await this.catalogue.jobSectors()).map((s) => ({ slug: s.slug, label: s.label })),
      notice: { version: notice.version, prompt: notice.prompt, before: notice.before, link: notice.link, after: notice.after },
      privacyPolicyUrl: this.app.privacyPolicyUrl,
    };
  }

  framePage(options: FramePageOptions): string {
    return this.templates.page('embed', options);
  }
}
