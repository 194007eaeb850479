import { MigrationInterface, QueryRunner, Table, TableCheck, TableForeignKey, TableIndex } from 'typeorm';
import { columnsFor, insertRows } from '../migration-columns';

/** Word for word from the New Statesman page the service was designed from (../shared/seed). */
const SEED_NEWSLETTERS = [
  {
    slug: 'the-saturday-read',
    name: 'The Saturday Read',
    blurb: 'Your weekly guide to the best writing on ideas, politics, books and culture every Saturday.',
    cadence: 'weekly',
  },
  {
    slug: 'morning-call',
    name: 'Morning Call',
    blurb: "The New Statesman's quick and essential guide to the news and politics of the day.",
    cadence: 'daily',
  },
] as const;

const SEED_JOB_SECTORS: ReadonlyArray<readonly [slug: string, label: string]> = [
  ['administration-office', 'Administration / Office'],
  ['arts-and-culture', 'Arts and Culture'],
  ['board-member', 'Board Member'],
  ['business-corporate-services', 'Business / Corporate Services'],
  ['client-customer-services', 'Client / Customer Services'],
  ['communications', 'Communications'],
  ['construction-works-engineering', 'Construction, Works, Engineering'],
  ['education-curriculum-and-teaching', 'Education, Curriculum and Teaching'],
  ['environment-conservation-and-nrm', 'Environment, Conservation and NRM'],
  ['facility-grounds-management-and-maintenance', 'Facility / Grounds Management and Maintenance'],
  ['finance-management', 'Finance Management'],
  ['health-medical-and-nursing-management', 'Health - Medical and Nursing Management'],
  ['hr-training-and-organisational-development', 'HR, Training and Organisational Development'],
  ['information-and-communications-technology', 'Information and Communications Technology'],
  ['information-services-statistics-records-archives', 'Information Services, Statistics, Records, Archives'],
  ['infrastructure-management-transport-utilities', 'Infrastructure Management - Transport, Utilities'],
  ['legal-officers-and-practitioners', 'Legal Officers and Practitioners'],
  ['librarians-and-library-management', 'Librarians and Library Management'],
  ['management', 'Management'],
  ['marketing', 'Marketing'],
  ['ohs-risk-management', 'OH&S, Risk Management'],
  ['operations-management', 'Operations Management'],
  ['planning-policy-strategy', 'Planning, Policy, Strategy'],
  ['printing-design-publishing-web', 'Printing, Design, Publishing, Web'],
  ['projects-programs-and-advisors', 'Projects, Programs and Advisors'],
  ['property-assets-and-fleet-management', 'Property, Assets and Fleet Management'],
  ['public-relations-and-media', 'Public Relations and Media'],
  ['purchasing-and-procurement', 'Purchasing and Procurement'],
  ['quality-management', 'Quality Management'],
  ['science-and-technical-research-and-development', 'Science and Technical Research and Development'],
  ['security-and-law-enforcement', 'Security and Law Enforcement'],
  ['service-delivery', 'Service Delivery'],
  ['sport-and-recreation', 'Sport and Recreation'],
  ['travel-accommodation-tourism', 'Travel, Accommodation, Tourism'],
  ['wellbeing-community-social-services', 'Wellbeing, Community / Social Services'],
];

/** The notice on the seed page, word for word: version 1 of the consent ledger's notices. */
export const SEED_NOTICE = {
  version: 1,
  prompt: 'Select and enter your email address',
  privacyNotice:
    'Visit our privacy Policy for more information about our services, how Progressive Media Investments may use, process and share your personal data, including information on your rights in respect of your personal data and how you can unsubscribe from future marketing communications.',
};

const APPEND_ONLY = 'consent_events is append-only';

export class ReaderJourney1764374400000 implements MigrationInterface {
  name = 'ReaderJourney1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor();

    await queryRunner.createTable(
      new Table({
        name: 'newsletters',
        columns: [
          c.id(),
          c.varchar('slug', 64, { unique: true }),
          c.varchar('name', 200),
          c.text('blurb'),
          c.varchar('cadence', 16),
          c.integer('position'),
          c.createdAt(),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'job_sectors',
        columns: [c.id(), c.varchar('slug', 100, { unique: true }), c.varchar('label', 200), c.integer('position', { unique: true })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'subscribers',
        columns: [
          c.id(),
          c.varchar('email', 254, { unique: true }),
          c.integer('job_sector_id', { nullable: true }),
          c.timestamp('suppressed_at', { nullable: true }),
          c.text('suppression_reason', { nullable: true }),
          c.createdAt(),
          c.updatedAt(),
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['job_sector_id'], referencedTableName: 'job_sectors', referencedColumnNames: ['id'], onDelete: 'SET NULL' }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'subscriptions',
        columns: [
          c.integer('subscriber_id', { primary: true }),
          c.integer('newsletter_id', { primary: true }),
          c.varchar('status', 16),
          c.timestamp('confirmed_at', { nullable: true }),
          c.timestamp('unsubscribed_at', { nullable: true }),
          c.createdAt(),
          c.updatedAt(),
        ],
        checks: [new TableCheck({ name: 'chk_subscriptions_status', expression: `"status" IN ('pending', 'active', 'unsubscribed')` })],
        indices: [new TableIndex({ name: 'idx_subscriptions_audience', columnNames: ['newsletter_id', 'status', 'subscriber_id'] })],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['subscriber_id'], referencedTableName: 'subscribers', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
          new TableForeignKey({ columnNames: ['newsletter_id'], referencedTableName: 'newsletters', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'account_emails',
        columns: [
          c.id(),
          c.integer('subscriber_id'),
          c.varchar('kind', 16),
          c.varchar('token_hash', 64, { nullable: true, unique: true }),
          c.timestamp('expires_at'),
          c.timestamp('sent_at', { nullable: true }),
          c.timestamp('used_at', { nullable: true }),
          c.createdAt(),
        ],
        checks: [new TableCheck({ name: 'chk_account_emails_kind', expression: `"kind" IN ('confirmation', 'preferences')` })],
        indices: [new TableIndex({ name: 'idx_account_emails_recent', columnNames: ['subscriber_id', 'created_at'] })],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['subscriber_id'], referencedTableName: 'subscribers', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'notice_versions',
        columns: [c.integer('version', { primary: true }), c.text('prompt'), c.text('privacy_notice'), c.createdAt()],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'consent_events',
        columns: [
          c.id(),
          c.integer('subscriber_id'),
          c.integer('newsletter_id', { nullable: true }),
          c.varchar('event', 32),
          c.integer('notice_version'),
          c.varchar('source', 512),
          c.varchar('ip', 64, { nullable: true }),
          c.varchar('user_agent', 512, { nullable: true }),
          c.text('details', { nullable: true }),
          c.createdAt(),
        ],
        checks: [
          new TableCheck({
            name: 'chk_consent_events_event',
            expression: `"event" IN ('subscribed', 'confirmed', 'preferences_changed', 'unsubscribed')`,
          }),
        ],
        indices: [new TableIndex({ name: 'idx_consent_events_subscriber', columnNames: ['subscriber_id', 'id'] })],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['subscriber_id'], referencedTableName: 'subscribers', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }),
          new TableForeignKey({ columnNames: ['newsletter_id'], referencedTableName: 'newsletters', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }),
          new TableForeignKey({ columnNames: ['notice_version'], referencedTableName: 'notice_versions', referencedColumnNames: ['version'], onDelete: 'RESTRICT' }),
        ],
      }),
    );

    // The ledger is proof of consent: the database itself refuses to change or remove a row.
    await queryRunner.query(
      `CREATE FUNCTION consent_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${APPEND_ONLY}'; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER consent_events_append_only BEFORE UPDATE OR DELETE ON consent_events FOR EACH ROW EXECUTE FUNCTION consent_events_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER consent_events_no_truncate BEFORE TRUNCATE ON consent_events FOR EACH STATEMENT EXECUTE FUNCTION consent_events_append_only()`,
    );

    await insertRows(queryRunner, 'newsletters', SEED_NEWSLETTERS.map((n, index) => ({ ...n, position: index + 1 })));
    await insertRows(queryRunner, 'job_sectors', SEED_JOB_SECTORS.map(([slug, label], index) => ({ slug, label, position: index + 1 })));
    await insertRows(queryRunner, 'notice_versions', [
      { version: SEED_NOTICE.version, prompt: SEED_NOTICE.prompt, privacy_notice: SEED_NOTICE.privacyNotice },
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['consent_events', 'notice_versions', 'account_emails', 'subscriptions', 'subscribers', 'job_sectors', 'newsletters']) {
      await queryRunner.dropTable(table);
    }
    await queryRunner.query('DROP FUNCTION IF EXISTS consent_events_append_only()');
  }
}
