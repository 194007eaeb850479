export interface NoticeView {
  version: number;
  prompt: string;
  text: string;
  before: string;
  link: string;
  after: string;
}

const LINK_TEXT = 'privacy Policy';

/** A notice as pages and emails show it: its text split around the privacy-policy link. */
export function toNoticeView(notice: { version: number; prompt: string; privacyNotice: string }): NoticeView {
  const at = notice.privacyNotice.indexOf(LINK_TEXT);
  return {
    version: notice.version,
    prompt: notice.prompt,
    text: notice.privacyNotice,
    before: at < 0 ? notice.privacyNotice : notice.privacyNotice.slice(0, at),
    link: at < 0 ? '' : LINK_TEXT,
    after: at < 0 ? '' : notice.privacyNotice.slice(at + LINK_TEXT.length),
  };
}
