import { ReaderJourney1764374400000 } from './1764374400000-ReaderJourney';
import { EditorialPipeline1764460800000 } from './1764460800000-EditorialPipeline';
import { SurviveFaults1764547200000 } from './1764547200000-SurviveFaults';
import { Newsroom1764633600000 } from './1764633600000-Newsroom';

export const migrations = [ReaderJourney1764374400000, EditorialPipeline1764460800000, SurviveFaults1764547200000, Newsroom1764633600000];
