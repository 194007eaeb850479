import { Injectable } from '@nestjs/common';
import { TemplatesService } from '../mail/templates.service';
import { EditorIdentity } from '../editors/editors.service';

/** Renders the newsroom's pages (templates/pages/newsroom/), in the reader pages' layout. */
@Injectable()
export class NewsroomPages {
  constructor(private readonly templates: TemplatesService) {}

  /** A page; with an editor, the newsroom's navigation and a sign-out button. */
  render(name: string, context: { title: string; editor?: EditorIdentity; csrfToken?: string; [key: string]: unknown }): string {
    return this.templates.page(`newsroom/${name}`, { ...context, newsroom: true });
  }

  message(title: string, message: string, link?: { href: string; text: string }): string {
    return this.templates.page('message', { title, message, link, newsroom: true });
  }
}
