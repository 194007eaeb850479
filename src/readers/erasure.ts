/**
 * Who asks for a reader's data to be erased. The reader and an editor put the address's keyed
 * hash on the erased list; retention does not: an unconfirmed sign-up never consented, and may
 * have been typed by someone else, so it must not keep the address's owner out of a later import.
 */
export type ErasureRequest =
  | { by: 'reader'; source: string }
  | { by: 'editor'; editorId: number; source: string }
  | { by: 'retention'; days: number };

/** How an erasure is written down: the ledger's source, the reader_actions row, and whether the address is listed. */
export function erasureRecord(request: ErasureRequest): { source: string; editorId: number | null; reason: string | null; listAddress: boolean } {
  switch (request.by) {
    case 'reader':
      return { source: request.source, editorId: null, reason: 'Asked for it in the preference centre', listAddress: true };
    case 'editor':
      return { source: request.source, editorId: request.editorId, reason: null, listAddress: true };
    case 'retention':
      return { source: 'retention', editorId: null, reason: `Never confirmed in ${request.days} days`, listAddress: false };
  }
}
