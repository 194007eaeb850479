import { ReaderJourney1764374400000 } from './1764374400000-ReaderJourney';
import { EditorialPipeline1764460800000 } from './1764460800000-EditorialPipeline';
import { SurviveFaults1764547200000 } from './1764547200000-SurviveFaults';
import { Newsroom1764633600000 } from './1764633600000-Newsroom';
import { ErasedAddresses1764720000000 } from './1764720000000-ErasedAddresses';
import { Deliverability1764720100000 } from './1764720100000-Deliverability';
import { MessageIdSalt1764720200000 } from './1764720200000-MessageIdSalt';
import { EditionAudiences1764720600000 } from './1764720600000-EditionAudiences';
import { Segments1764720700000 } from './1764720700000-Segments';
import { ReadersData1764720300000 } from './1764720300000-ReadersData';
import { ClickCounts1764720500000 } from './1764720500000-ClickCounts';
import { DelayNotices1764720800000 } from './1764720800000-DelayNotices';
import { RepeatClicks1764720900000 } from './1764720900000-RepeatClicks';
import { DeliveryCounts1765100000000 } from './1765100000000-DeliveryCounts';
import { EditorDisplayNames1765150000000 } from './1765150000000-EditorDisplayNames';
import { MinArticles1765240000000 } from './1765240000000-MinArticles';

export const migrations = [ReaderJourney1764374400000, EditorialPipeline1764460800000, SurviveFaults1764547200000, Newsroom1764633600000, ErasedAddresses1764720000000, Deliverability1764720100000, MessageIdSalt1764720200000, ReadersData1764720300000, ClickCounts1764720500000, EditionAudiences1764720600000, Segments1764720700000, DelayNotices1764720800000, RepeatClicks1764720900000, DeliveryCounts1765100000000, EditorDisplayNames1765150000000, MinArticles1765240000000];
