import { Article } from '../articles/article.entity';
import { EditionClick } from '../clicks/edition-click.entity';
import { EditionLink } from '../clicks/edition-link.entity';
import { ConsentEvent } from '../consent/consent-event.entity';
import { ConsentEvidence } from '../consent/consent-evidence.entity';
import { SignupSource } from '../consent/signup-source.entity';
import { NoticeVersion } from '../consent/notice-version.entity';
import { ComplaintRateWarning, DeliverabilityCounts, DeliverabilityEventRow } from '../deliverability/deliverability-event.entity';
import { DeliveryClaim } from '../delivery/delivery-claim.entity';
import { DeliveryCounts } from '../delivery/delivery-counts.entity';
import { DeliveryPartition } from '../delivery/delivery-partition.entity';
import { Delivery } from '../delivery/delivery.entity';
import { EditionArticle } from '../editions/edition-article.entity';
import { EditionSegment } from '../editions/edition-segment.entity';
import { Edition } from '../editions/edition.entity';
import { EditorAuditEntry } from '../editors/editor-audit.entity';
import { EditorSession } from '../editors/editor-session.entity';
import { EditorSignInLink } from '../editors/editor-sign-in-link.entity';
import { Editor } from '../editors/editor.entity';
import { JobSector } from '../newsletters/job-sector.entity';
import { Newsletter } from '../newsletters/newsletter.entity';
import { AccountEmail } from '../signup/account-email.entity';
import { ReaderAction } from '../readers/reader-action.entity';
import { SignupRequest } from '../signup/signup-request.entity';
import { Subscriber } from '../readers/subscriber.entity';
import { Subscription } from '../readers/subscription.entity';

export const entities = [
  Newsletter,
  JobSector,
  Subscriber,
  Subscription,
  AccountEmail,
  NoticeVersion,
  ConsentEvent,
  ConsentEvidence,
  Article,
  Editor,
  Edition,
  EditionArticle,
  EditionSegment,
  EditionLink,
  EditionClick,
  Delivery,
  DeliveryClaim,
  DeliveryCounts,
  DeliveryPartition,
  SignupRequest,
  SignupSource,
  EditorSession,
  EditorAuditEntry,
  EditorSignInLink,
  ReaderAction,
  DeliverabilityEventRow,
  DeliverabilityCounts,
  ComplaintRateWarning,
];
