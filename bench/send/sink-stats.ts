/** What the bench's SMTP sink counted. */
export interface SinkStats {
  accepted: number;
  distinct: number;
  duplicates: number;
  /** Recipients that were not r<id>@… within the audience. */
  unknown: number;
  bytes: number;
  firstAt: number | null;
  lastAt: number | null;
}
