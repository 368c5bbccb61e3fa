import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  SCORED_KINDS,
  evaluate,
  mojIctSecurityPolicy,
} from '@internal/plugin-itsec-common';
import {
  FixedClock,
  catalogGroup,
} from '@internal/plugin-itsec-node/testUtils';
import { createTestDatabases } from '../__testUtils__/databases';
import { entity } from '../__testUtils__/fixtures';
import { KnexItsecStore } from '../database/KnexItsecStore';
import { ItsecEvaluator, ORGANISATION_MAX_AGE_MS } from './ItsecEvaluator';

jest.setTimeout(60_000);

/*
 * The organisation (ITSO group and every Group's members) is read once per
 * full evaluation; single-entity refreshes reuse that read for at most
 * ORGANISATION_MAX_AGE_MS, so a change of membership counts within that bound.
 */

const databases = createTestDatabases();
const IAO = 'user:default/thomas.green';
const CIVIL = 'system:default/civil';
const AS_OF = '2026-06-01';

const group = (name: string, members: string[]): Entity =>
  catalogGroup(name, members);

/** A Code of Connection for civil, approved by its IAO among others. */
const civilToBank: Entity = {
  apiVersion: 'itsec.justice.gov.uk/v1alpha1',
  kind: 'CodeOfConnection',
  metadata: { name: 'civil-to-bank', namespace: 'default' },
  spec: {
    system: CIVIL,
    counterparty: { organisation: 'Example Bank plc' },
    category: 'third-party',
    direction: 'out',
    dataShared: 'Payment references',
    personalData: false,
    classification: 'OFFICIAL',
    approvals: {
      accreditor: { by: 'user:default/ann.accreditor', date: '2026-01-10' },
      itso: { by: 'user:default/ida.itso', date: '2026-01-11' },
      iao: { by: IAO, date: '2026-01-12' },
    },
    status: 'agreed',
    agreedDate: '2026-01-20',
    owner: 'team-a',
  },
};

describe.each(databases.eachSupportedId())(
  'ItsecEvaluator on %s: the organisation read per evaluation cycle',
  databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      await KnexItsecStore.migrateUp(knex);
      const store = new KnexItsecStore(knex);
      const teamA = group('team-a', ['user:default/olivia.owner']);
      const catalog = catalogServiceMock({
        entities: [
          entity(
            'System',
            'civil',
            { owner: 'group:default/team-a' },
            {
              classification: 'OFFICIAL',
              'has-external-connections': 'true',
              'role-iao': IAO,
              'role-accreditor': 'user:default/ann.accreditor',
            },
          ),
          entity('Component', 'civil-api', {
            owner: 'group:default/team-a',
            system: 'civil',
          }),
          civilToBank,
          group('itso', ['user:default/ida.itso']),
          teamA,
        ],
      });
      const clock = new FixedClock(`${AS_OF}T09:00:00Z`);
      const evaluator = new ItsecEvaluator({
        store,
        catalog,
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        clock,
        policy: mojIctSecurityPolicy,
        kinds: [...SCORED_KINDS],
        dueSoonWindow: 'P30D',
        historyRetentionDays: 400,
      });
      const stream = jest.spyOn(catalog, 'streamEntities');
      const list = jest.spyOn(catalog, 'getEntities');
      const readsGroups = (call: unknown[]) =>
        JSON.stringify((call[0] as { filter?: unknown })?.filter).includes(
          '"group"',
        );
      /** How many times the catalog was asked for every Group. */
      const groupReads = () =>
        [...stream.mock.calls, ...list.mock.calls].filter(readsGroups).length;
      /** The stored status of civil's POL.ITSEC.028 (Codes of Connection). */
      const coc028 = async () => {
        const row = await store.getResult(CIVIL);
        return evaluate(row!.profile, mojIctSecurityPolicy, {
          asOf: AS_OF,
        }).results.find(r => r.statementId === 'POL.ITSEC.028')!;
      };
      const addIaoToTeam = () =>
        teamA.relations!.push({ type: 'hasMember', targetRef: IAO });
      return {
        store,
        catalog,
        clock,
        evaluator,
        stream,
        groupReads,
        coc028,
        addIaoToTeam,
      };
    }

    it('reads every Group once per full evaluation, and once for refreshes within the bound', async () => {
      const { evaluator, clock, groupReads } = await setup();
      await evaluator.runFull();
      expect(groupReads()).toBe(1);

      for (let i = 0; i < 5; i++) {
        clock.set(new Date(clock.now().getTime() + 10_000));
        await evaluator.refresh([CIVIL], ['component:default/civil-api']);
      }
      // 50 s after the full evaluation's read: still that read.
      expect(groupReads()).toBe(1);

      clock.set(new Date(clock.now().getTime() + 10_000));
      await evaluator.refresh([CIVIL]);
      expect(groupReads()).toBe(2);

      // Each full evaluation reads afresh, whatever the age of the last read.
      await evaluator.runFull();
      await evaluator.runFull();
      expect(groupReads()).toBe(4);
    });

    it('shares one read between concurrent refreshes', async () => {
      const { evaluator, groupReads } = await setup();
      await Promise.all([
        evaluator.refresh([CIVIL]),
        evaluator.refresh(['component:default/civil-api']),
        evaluator.refresh([CIVIL]),
      ]);
      expect(groupReads()).toBe(1);
    });

    it('counts a team member\u2019s approval as not independent once the bound has passed', async () => {
      const { evaluator, clock, coc028, addIaoToTeam } = await setup();
      await evaluator.runFull();
      expect(await coc028()).toMatchObject({
        status: 'met',
        reasons: ['cocs-agreed'],
      });

      addIaoToTeam();
      clock.set(new Date(clock.now().getTime() + ORGANISATION_MAX_AGE_MS - 1));
      await evaluator.refresh([CIVIL]);
      // Within the bound the last read stands (the documented staleness).
      expect((await coc028()).status).toBe('met');

      clock.set(new Date(clock.now().getTime() + 1));
      await evaluator.refresh([CIVIL]);
      expect(await coc028()).toMatchObject({
        status: 'gap',
        reasons: ['coc-approver-not-independent'],
      });
    });

    it('does not extend the bound when the clock goes back', async () => {
      const { evaluator, clock, coc028, addIaoToTeam } = await setup();
      await evaluator.runFull();
      addIaoToTeam();
      clock.set(new Date(clock.now().getTime() - 1000));
      await evaluator.refresh([CIVIL]);
      expect((await coc028()).status).toBe('gap');
    });

    it('does not keep a failed read: the next refresh reads again', async () => {
      const { evaluator, stream, groupReads, coc028 } = await setup();
      const outage = new Error('catalog unavailable');
      stream.mockImplementationOnce(() => {
        throw outage;
      });
      await expect(evaluator.refresh([CIVIL])).rejects.toBe(outage);
      expect(await evaluator.refresh([CIVIL])).toEqual(new Set([CIVIL]));
      expect(groupReads()).toBe(2);
      expect((await coc028()).status).toBe('met');
    });

    it('tells its listeners after each full evaluation, not after a refresh', async () => {
      const { evaluator } = await setup();
      const listener = jest.fn();
      evaluator.onFullEvaluation(listener);
      await evaluator.refresh([CIVIL]);
      expect(listener).not.toHaveBeenCalled();
      await evaluator.runFull();
      expect(listener).toHaveBeenCalledTimes(1);
    });
  },
);
