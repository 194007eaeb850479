/** The archive's list of a newsletter's editions. */
export function archivePath(newsletterSlug: string): string {
  return `/archive/${encodeURIComponent(newsletterSlug)}`;
}

/** An edition's web version: one URL for every reader, stable once the edition is sent. */
export function webVersionPath(newsletterSlug: string, editionId: number): string {
  return `${archivePath(newsletterSlug)}/${editionId}`;
}
