import { X509Certificate } from 'node:crypto';
import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';

const MAX_CACHED = 50;
const MAX_BYTES = 16_384;
const TIMEOUT_MS = 5_000;

/**
 * SNS signing certificates, fetched once per URL and kept (SNS signs with few certificates, and
 * rotates them rarely). The caller checks the URL first (isSnsUrl); a certificate that cannot be
 * fetched makes the notification answer 503, so SNS tries it again.
 */
@Injectable()
export class SnsCertificates {
  private readonly logger = new Logger(SnsCertificates.name);
  private readonly cache = new Map<string, Promise<X509Certificate>>();

  async get(url: string): Promise<X509Certificate> {
    let pending = this.cache.get(url);
    if (!pending) {
      if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
      pending = this.fetchCertificate(url);
      this.cache.set(url, pending);
      pending.catch(() => this.cache.delete(url));
    }
    const certificate = await pending;
    if (new Date(certificate.validTo).getTime() < Date.now()) {
      this.cache.delete(url);
      throw new ServiceUnavailableException('The SNS signing certificate has expired');
    }
    return certificate;
  }

  private async fetchCertificate(url: string): Promise<X509Certificate> {
    try {
      const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const pem = await response.text();
      if (pem.length > MAX_BYTES) throw new Error('too large');
      return new X509Certificate(pem);
    } catch (error) {
      this.logger.warn(`Could not fetch the SNS signing certificate at ${url}: ${(error as Error).message}`);
      throw new ServiceUnavailableException('The SNS signing certificate could not be fetched; try again');
    }
  }
}
