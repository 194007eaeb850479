import { ConsentEvent } from '../consent/consent-event.entity';
import { NoticeVersion } from '../consent/notice-version.entity';
import { JobSector } from '../newsletters/job-sector.entity';
import { Newsletter } from '../newsletters/newsletter.entity';
import { AccountEmail } from '../subscriptions/account-email.entity';
import { Subscriber } from '../subscriptions/subscriber.entity';
import { Subscription } from '../subscriptions/subscription.entity';

export const entities = [Newsletter, JobSector, Subscriber, Subscription, AccountEmail, NoticeVersion, ConsentEvent];
