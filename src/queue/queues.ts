/** Every queue the service uses, named once. */
export const QUEUES = {
  readerMail: 'reader-mail',
} as const;

export const JOBS = {
  sendAccountEmail: 'send-account-email',
} as const;

export type Role = 'all' | 'api' | 'worker';

export const currentRole = (): Role => (process.env.APP_ROLE as Role | undefined) ?? 'all';
export const runsWorkers = (): boolean => currentRole() !== 'api';
export const runsApi = (): boolean => currentRole() !== 'worker';

/** Providers that consume queues are only registered in processes that run workers. */
export const workerProviders = <T>(...providers: T[]): T[] => (runsWorkers() ? providers : []);
