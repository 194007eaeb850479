import { Injectable } from '@nestjs/common';
import { ArticleView } from '../articles/dtos/article.dto';
import { ClicksService } from '../clicks/clicks.service';
import { InvalidInputError } from '../common/domain-errors';
import { Edition } from '../editions/edition.entity';
import { EditionsService } from '../editions/editions.service';
import { EditorNames } from '../editors/editor-names';
import { forSegment, Segment, segmentOf } from '../editions/segments';
import { TemplateError } from '../mail/templates.service';
import { NewslettersService } from '../newsletters/newsletters.service';
import { DigestRenderer, RenderedDigest } from './digest-renderer';

/** A template that does not render is the editor's to fix: 422 naming `template`. */
function templateProblem(error: TemplateError): InvalidInputError {
  return new InvalidInputError([{ field: 'template', message: error.message }], true);
}

/**
 * An edition through the digest renderer: every version for sending, once each, and previews and
 * test copies exactly as a reader would get them (the stored rendering once sending started, with
 * its counted links made into ones that count nothing).
 */
@Injectable()
export class EditionRenderer {
  constructor(
    private readonly renderer: DigestRenderer,
    private readonly catalogue: NewslettersService,
    private readonly editions: EditionsService,
    private readonly clicks: ClicksService,
    private readonly editorNames: EditorNames,
  ) {}

  /**
   * One rendering per distinct version: the untargeted one (with the web version), then one per
   * other set of partner pieces, never one per sector. A TemplateError is left to the caller.
   */
  async forSending(row: Edition, articles: ArticleView[], segments: Segment[]): Promise<Array<Segment & RenderedDigest>> {
    const versions = [{ ...segments[0], ...(await this.render(row, { forSending: true, articles: forSegment(articles, segments[0]), segment: 0 })) }];
    for (const segment of segments.slice(1)) {
      versions.push({ ...segment, ...(await this.render(row, { articles: forSegment(articles, segment), segment: segment.segment, counted: true })) });
    }
    return versions;
  }

  /**
   * What a preview or test copy shows: a draft renders fresh (its untargeted version, or the one a
   * reader of `sectorSlug` gets); once sending started, the stored rendering is the truth.
   */
  async forPreview(row: Edition, sectorSlug?: string): Promise<RenderedDigest> {
    const sector = sectorSlug === undefined ? null : await this.catalogue.sectorBySlug(sectorSlug);
    if (sectorSlug !== undefined && !sector) throw new InvalidInputError([{ field: 'sector', message: `Unknown job sector ${sectorSlug}` }]);
    if (row.html && row.text && row.placeholderNonce) {
      if (!sector) return this.asTestCopy(row.html, row.text, row.placeholderNonce);
      const stored = await this.editions.versions(row.id);
      const version = stored.find((s) => s.sectorIds.includes(sector.id)) ?? stored.find((s) => s.segment === 0);
      if (version) return this.asTestCopy(version.html, version.text, row.placeholderNonce);
    }
    const articles = await this.editions.articles(row.id);
    const segments = await this.editions.segmentsOf(row, articles);
    const segment = segments[sector ? segmentOf(segments, sector.id) : 0];
    try {
      return await this.render(row, { articles: forSegment(articles, segment), segment: sector ? segment.segment : undefined });
    } catch (error) {
      if (error instanceof TemplateError) throw templateProblem(error);
      throw error;
    }
  }

  private asTestCopy(html: string, text: string, nonce: string): RenderedDigest {
    return { html: this.clicks.asTestCopy(html), text: this.clicks.asTestCopy(text), nonce };
  }

  private async render(row: Edition, options: { forSending?: boolean; articles: ArticleView[]; segment?: number; counted?: boolean }): Promise<RenderedDigest> {
    const newsletter = (await this.catalogue.byId(row.newsletterId))!;
    const input = {
      newsletter: { slug: newsletter.slug, name: newsletter.name, blurb: newsletter.blurb },
      editionId: row.id,
      subject: row.subject,
      preheader: row.preheader,
      articles: options.articles,
      note: row.note ? { markdown: row.note, signOff: row.noteSignedBy === null ? null : await this.editorNames.signOff(row.noteSignedBy) } : null,
      // Previews and test copies: their article links redirect but never count.
      preview: !options.forSending && !options.counted,
      segment: options.segment ?? 0,
    };
    return options.forSending ? this.renderer.renderForSending(input) : this.renderer.render(input);
  }
}

export { templateProblem };
