import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FieldError } from '../common/field-errors';
import type { DeliverabilityEvent } from '../deliverability/deliverability-event';

/** What a receiver makes of a body: the events it reports, or what is wrong with it (a 400). */
export interface ParsedEvents {
  events: DeliverabilityEvent[];
  errors: FieldError[];
}

export const invalid = (field: string, message: string): ParsedEvents => ({ events: [], errors: [{ field, message }] });

/** The body as JSON, or null when it is not. */
export function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** Equal strings, compared in constant time whatever their lengths (both are hashed first). */
export function safeEqual(a: string, b: string): boolean {
  const key = 'compare';
  return timingSafeEqual(createHmac('sha256', key).update(a).digest(), createHmac('sha256', key).update(b).digest());
}

export const hmacSha256Hex = (key: string, data: string | Buffer): string => createHmac('sha256', key).update(data).digest('hex');

/** A signed timestamp (seconds) no further than `maxAgeSeconds` from now, either way. */
export function isFresh(timestampSeconds: number, nowMs: number, maxAgeSeconds: number): boolean {
  return Number.isFinite(timestampSeconds) && Math.abs(nowMs / 1000 - timestampSeconds) <= maxAgeSeconds;
}

/** A Message-ID in its header form, `<…>`, whichever way the provider wrote it; null when there is none. */
export function messageIdOf(value: unknown): string | null {
  const id = text(value);
  if (id === null) return null;
  const bare = id.replace(/^<+|>+$/g, '');
  if (bare === '' || bare.length > 250 || /[\s<>]/.test(bare)) return null;
  return `<${bare}>`;
}

/** A time the provider gave, as ISO text or Unix seconds; null when it is not a time. */
export function timeOf(value: unknown): Date | null {
  const date = typeof value === 'number' ? new Date(value * 1000) : typeof value === 'string' ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/** An address as the provider named it, if it looks like one. */
export function addressOf(value: unknown): string | null {
  const address = text(value);
  return address && address.length <= 254 && /^[^\s@<>]+@[^\s@<>]+$/.test(address) ? address.toLowerCase() : null;
}
