import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  itsec?: {
    /**
     * The IT Security Officer group: may write every entity's security
     * records and read the audit log (read by the portal's permission policy).
     */
    itsoGroup?: string;
    /**
     * Catalog kinds that get a scorecard: some of System, Component,
     * Resource and API (SCORED_KINDS in itsec-common). A Domain is not
     * scored: its Systems inherit its roles and facts; listing it is an error.
     * @default ['System', 'Component', 'Resource', 'API']
     */
    kinds?: string[];
    /**
     * When the whole portfolio is evaluated (runs on one instance at a time).
     * @default { frequency: { minutes: 30 }, timeout: { minutes: 15 }, initialDelay: { seconds: 10 } }
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /**
     * Evidence falling due within this ISO 8601 duration is "due soon".
     * @default 'P30D'
     */
    dueSoonWindow?: string;
    exceptions?: {
      /**
       * The longest an exception (Tier 4) may run: its `expiresOn` must be at
       * most this ISO 8601 duration after the day it is requested, and again
       * after the day it is approved.
       * @default 'P12M'
       */
      maxDuration?: string;
    };
    history?: {
      /**
       * Days of history kept. Older rows are deleted, except the last one of
       * each entity and summary before the cut-off (the value that held then).
       * @default 400
       */
      retentionDays?: number;
    };
    /**
     * Backstage notifications when evidence falls due or lapses, and a weekly
     * digest to the ITSO group. Needs the notifications and signals backends.
     */
    notifications?: {
      /**
       * Send notifications at all.
       * @default false
       */
      enabled?: boolean;
      /**
       * Notify when evidence falls due within this ISO 8601 duration.
       * @default itsec.dueSoonWindow (P30D)
       */
      dueSoonWindow?: string;
      /**
       * Notify when an approved exception ends within this ISO 8601 duration.
       * @default 'P30D'
       */
      exceptionExpiryWindow?: string;
      recipients?: {
        /**
         * Notify the entity's owner group.
         * @default true
         */
        owner?: boolean;
        /**
         * Notify the holders of the statement's role (DR lead for
         * POL.ITSEC.043, business-group SIRO for exceptions, IAO and ICT
         * System Manager otherwise; see the README).
         * @default true
         */
        roleHolders?: boolean;
        /**
         * Roles notified per statement, replacing for the statements listed
         * the roles their check names (its `notify`), e.g.
         * [{ statement: 'POL.ITSEC.043', roles: ['dr-lead', 'iao'] }].
         * Role ids: business-siro, iao, system-manager, service-provider,
         * accreditor, comso, dr-lead, moj-siro, itso.
         */
        statementRoles?: Array<{ statement: string; roles: string[] }>;
      };
      /** The weekly digest: new gaps, closed gaps, what falls due. */
      digest?: {
        /**
         * Send the digest (when notifications are enabled).
         * @default true
         */
        enabled?: boolean;
        /**
         * When the digest task runs (one instance at a time). It sends at
         * most one digest per ISO week, whatever the schedule.
         * `timeout` defaults to 15 minutes.
         * @default { frequency: { cron: '0 7 * * 1' }, timeout: { minutes: 15 } }
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Group that receives the digest.
         * @default itsec.itsoGroup
         */
        group?: string;
        /**
         * The "falls due" section lists what falls due within this ISO 8601 duration.
         * @default 'P30D'
         */
        dueWithin?: string;
      };
      /**
       * Days the record of sent notifications is kept.
       * @default 400
       */
      retentionDays?: number;
    };
    /**
     * Path to a policy catalogue JSON file to use instead of the MoJ ICT
     * Security Policy (see @internal/plugin-itsec-common).
     */
    policyFile?: string;
    /** Demo settings: development only, refused with NODE_ENV=production. */
    demo?: {
      /**
       * Build a year of weekly history on first start by evaluating the
       * catalog as of past days from the dates its evidence carries; the
       * history API marks it `demo: true`. Set only in app-config.yaml.
       * @default false
       */
      buildHistory?: boolean;
    };
  };
}
