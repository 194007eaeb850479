import { ReaderJourney1764374400000 } from './1764374400000-ReaderJourney';

export const migrations = [ReaderJourney1764374400000];
