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
  /** When the k-th tenth of the audience had been accepted (distinct readers), k = 1…10. */
  tenthsAt: number[];
}
