// mailauth 4.13.3 (pinned) ships types for its public API only; these are the parts of its DKIM
// signer that DkimSigner (dkim.ts) uses to sign with a header list of its own.

declare module 'mailauth/lib/dkim/header' {
  export interface SigningHeaderLines {
    /** The h= tag. */
    keys: string;
    /** The header fields hashed, in h= order. */
    headers: Array<{ key: string; casedKey: string; line: Buffer }>;
  }
  export function generateCanonicalizedHeader(
    type: 'DKIM',
    signingHeaderLines: SigningHeaderLines,
    options: { signingDomain: string; selector: string; algorithm: string; canonicalization: string; bodyHash: string; signTime: Date },
  ): { canonicalizedHeader: Buffer; dkimHeaderOpts: Record<string, string | number> };
}

declare module 'mailauth/lib/tools' {
  export function formatSignatureHeaderLine(type: 'DKIM', values: Record<string, string | number>, folded: boolean): string;
}
