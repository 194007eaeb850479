/** Where a page of articles (newest first) ended: the last one's publication time and id. */
export interface ArticleCursor {
  publishedAt: Date;
  id: number;
}

export function encodeCursor(cursor: ArticleCursor): string {
  return Buffer.from(`${cursor.publishedAt.toISOString()}|${cursor.id}`).toString('base64url');
}

export function decodeCursor(value: string): ArticleCursor | null {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)\|(\d{1,15})$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  if (!match) return null;
  const publishedAt = new Date(match[1]);
  return Number.isNaN(publishedAt.getTime()) ? null : { publishedAt, id: Number(match[2]) };
}
