import { describeLiveWorkersOutage } from '../support/live-workers-outage';

// Each refusal in a file of its own: a fresh app and workers, as in the outage the issue reports.
describeLiveWorkersOutage(30000);
