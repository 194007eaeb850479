import type { Provider } from '@nestjs/common';

/** Every queue the service uses, named once. */
export const QUEUES = {
  /** Sign-ups to carry out, confirmation and "manage your preferences" emails: a job per row, and a sweep. */
  readerMail: 'reader-mail',
  /** Test sends of an edition: one job per test. */
  editions: 'editions',
  /** Planning an edition's delivery (fan-out, resume), the every-minute recovery of lost jobs, and the hourly upkeep of deliveries' partitions (retention), and of what other modules add to it (Upkeeps: deliverability events' partitions). */
  deliveryPlan: 'delivery-plan',
  /** Batches of one edition's recipients: a job names the edition and a range of subscriber ids. */
  delivery: 'delivery',
  /** Newsletters going out on their timetable (BullMQ job schedulers). */
  schedules: 'schedules',
  /** Feed imports: on the FEED_POLL_CRON timetable and on demand. */
  feeds: 'feeds',
  /** Readers' data: erasing unconfirmed sign-ups past UNCONFIRMED_RETENTION_DAYS (a daily job scheduler). */
  retention: 'retention',
  /** Newsroom sign-in links and invitations (queued, so the form answers alike for anyone), and the audit log's retention (daily). */
  editors: 'editors',
} as const;

export const JOBS = {
  processSignup: 'process-signup',
  sendAccountEmail: 'send-account-email',
  requeueReaderMail: 'requeue-reader-mail',
  planDelivery: 'plan-delivery',
  recoverDeliveries: 'recover-deliveries',
  keepDeliveryPartitions: 'keep-delivery-partitions',
  testSend: 'test-send',
  deliverBatch: 'deliver-batch',
  scheduledEdition: 'scheduled-edition',
  importFeeds: 'import-feeds',
  eraseUnconfirmed: 'erase-unconfirmed',
  sendSignInLink: 'send-sign-in-link',
  pruneAudit: 'prune-audit',
} as const;

export type Role = 'all' | 'api' | 'worker';

export const currentRole = (): Role => (process.env.APP_ROLE as Role | undefined) ?? 'all';
export const runsWorkers = (): boolean => currentRole() !== 'api';

/** Providers that consume queues are only registered in processes that run workers. */
export const workerProviders = (...providers: Provider[]): Provider[] => (runsWorkers() ? providers : []);
