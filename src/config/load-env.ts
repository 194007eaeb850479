import { config } from 'dotenv';

// Values already in the environment win over the .env file.
config({ quiet: true });
process.env.TZ ??= 'UTC';
