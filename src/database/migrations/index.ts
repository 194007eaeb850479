import { ReaderJourney1764374400000 } from './1764374400000-ReaderJourney';
import { EditorialPipeline1764460800000 } from './1764460800000-EditorialPipeline';
import { SurviveFaults1764547200000 } from './1764547200000-SurviveFaults';
import { Newsroom1764633600000 } from './1764633600000-Newsroom';
import { ErasedAddresses1764720000000 } from './1764720000000-ErasedAddresses';
import { Deliverability1764720100000 } from './1764720100000-Deliverability';
import { MessageIdSalt1764720200000 } from './1764720200000-MessageIdSalt';
import { ReadersData1764720300000 } from './1764720300000-ReadersData';
import { ClickCounts1764720500000 } from './1764720500000-ClickCounts';
import { EditionAudiences1764720600000 } from './1764720600000-EditionAudiences';
import { Segments1764720700000 } from './1764720700000-Segments';
import { DelayNotices1764720800000 } from './1764720800000-DelayNotices';
import { RepeatClicks1764720900000 } from './1764720900000-RepeatClicks';
import { DeliveryCounts1765100000000 } from './1765100000000-DeliveryCounts';
import { EditorDisplayNames1765150000000 } from './1765150000000-EditorDisplayNames';
import { ClaimSuspicion1765160000000 } from './1765160000000-ClaimSuspicion';
import { SignupSources1765200000000 } from './1765200000000-SignupSources';
import { AccountEmailFailures1765210100000 } from './1765210100000-AccountEmailFailures';
import { ReaderDataLinks1765210200000 } from './1765210200000-ReaderDataLinks';
import { WelcomeEmails1765210300000 } from './1765210300000-WelcomeEmails';
import { NewsroomTeam1765220000000 } from './1765220000000-NewsroomTeam';
import { EditorsNote1765230000000 } from './1765230000000-EditorsNote';
import { MinArticles1765240000000 } from './1765240000000-MinArticles';
import { DeliveryRelays1765240100000 } from './1765240100000-DeliveryRelays';
import { Deadlines1765240200000 } from './1765240200000-Deadlines';
import { PartitionedDeliveries1765300000000 } from './1765300000000-PartitionedDeliveries';
import { ReaderPublicIds1765310000000 } from './1765310000000-ReaderPublicIds';
import { PartitionedDeliverabilityEvents1765330000000 } from './1765330000000-PartitionedDeliverabilityEvents';

export const migrations = [
  ReaderJourney1764374400000,
  EditorialPipeline1764460800000,
  SurviveFaults1764547200000,
  Newsroom1764633600000,
  ErasedAddresses1764720000000,
  Deliverability1764720100000,
  MessageIdSalt1764720200000,
  ReadersData1764720300000,
  ClickCounts1764720500000,
  EditionAudiences1764720600000,
  Segments1764720700000,
  DelayNotices1764720800000,
  RepeatClicks1764720900000,
  DeliveryCounts1765100000000,
  EditorDisplayNames1765150000000,
  ClaimSuspicion1765160000000,
  SignupSources1765200000000,
  AccountEmailFailures1765210100000,
  ReaderDataLinks1765210200000,
  WelcomeEmails1765210300000,
  NewsroomTeam1765220000000,
  EditorsNote1765230000000,
  MinArticles1765240000000,
  DeliveryRelays1765240100000,
  Deadlines1765240200000,
  PartitionedDeliveries1765300000000,
  ReaderPublicIds1765310000000,
  PartitionedDeliverabilityEvents1765330000000,
];
