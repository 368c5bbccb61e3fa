import { ConfigReader } from '@backstage/config';
import { DEFAULT_DIGEST_SCHEDULE, readNotificationsConfig } from './config';
import {
  mojIctSecurityPolicy,
  type PolicyStatement,
} from '@internal/plugin-itsec-common';
import { recipientsFor, rolesFor } from './recipients';

const moj = (id: string) =>
  mojIctSecurityPolicy.statements.find(s => s.id === id)!;

const defaults = { dueSoonWindow: 'P21D', itsoGroup: 'group:default/ITSO' };
const read = (notifications: unknown) =>
  readNotificationsConfig(
    new ConfigReader({ itsec: { notifications } } as any),
    defaults,
  );

describe('itsec.notifications config', () => {
  it('is off by default, with the documented defaults', () => {
    expect(
      readNotificationsConfig(new ConfigReader({}), defaults),
    ).toMatchObject({
      enabled: false,
      dueSoonWindow: 'P21D',
      exceptionExpiryWindow: 'P30D',
      recipients: { owner: true, roleHolders: true, statementRoles: {} },
      digest: {
        enabled: true,
        schedule: DEFAULT_DIGEST_SCHEDULE,
        group: 'group:default/itso',
        dueWithin: 'P30D',
      },
      retentionDays: 400,
    });
  });

  it('reads every key', () => {
    const c = read({
      enabled: true,
      dueSoonWindow: 'P60D',
      exceptionExpiryWindow: 'P2W',
      recipients: {
        owner: false,
        roleHolders: true,
        statementRoles: [{ statement: 'POL.ITSEC.043', roles: ['iao'] }],
      },
      digest: {
        enabled: false,
        group: 'group:default/security',
        dueWithin: 'P3M',
        schedule: { frequency: { cron: '0 8 * * 5' } },
      },
      retentionDays: 90,
    });
    expect(c).toMatchObject({
      enabled: true,
      dueSoonWindow: 'P60D',
      exceptionExpiryWindow: 'P2W',
      recipients: {
        owner: false,
        statementRoles: { 'POL.ITSEC.043': ['iao'] },
      },
      digest: {
        enabled: false,
        group: 'group:default/security',
        dueWithin: 'P3M',
        schedule: {
          frequency: { cron: '0 8 * * 5' },
          timeout: { minutes: 15 },
        },
      },
      retentionDays: 90,
    });
  });

  it('names a bad key', () => {
    expect(() => read({ dueSoonWindow: '30 days' })).toThrow(
      /itsec.notifications.dueSoonWindow/,
    );
    expect(() =>
      read({
        recipients: {
          statementRoles: [{ statement: 'POL.ITSEC.043', roles: ['boss'] }],
        },
      }),
    ).toThrow(/statementRoles\[0\].roles: unknown role 'boss'/);
  });
});

describe('recipients', () => {
  const profile = {
    roles: {
      'dr-lead': [{ ref: 'user:default/dora', source: { inherited: false } }],
      iao: [{ ref: 'user:default/ian', source: { inherited: false } }],
      'system-manager': [
        { ref: 'user:default/sue', source: { inherited: true } },
      ],
      'business-siro': [
        { ref: 'user:default/sarah', source: { inherited: true } },
      ],
    },
  };
  const base = {
    owner: 'group:default/team-a',
    profile,
    includeOwner: true,
    includeRoleHolders: true,
  };

  it('maps statements and exceptions to roles', () => {
    expect(rolesFor(moj('POL.ITSEC.043'), 'due-soon')).toEqual(['dr-lead']);
    expect(rolesFor(moj('POL.ITSEC.043'), 'exception-expiring')).toEqual([
      'business-siro',
    ]);
    expect(rolesFor(moj('POL.ITSEC.005'), 'overdue')).toEqual([
      'iao',
      'system-manager',
    ]);
    expect(
      rolesFor(moj('POL.ITSEC.005'), 'overdue', { 'POL.ITSEC.005': ['comso'] }),
    ).toEqual(['comso']);
  });

  it("takes a statement's roles from its check, not its id", () => {
    const own: PolicyStatement = {
      ...moj('POL.ITSEC.043'),
      id: 'TEAM-DR',
    };
    expect(rolesFor(own, 'overdue')).toEqual(['dr-lead']);
    expect(rolesFor({ ...own, check: 'bia' }, 'overdue')).toEqual([
      'iao',
      'system-manager',
    ]);
    expect(rolesFor(own, 'overdue', { 'TEAM-DR': ['comso'] })).toEqual([
      'comso',
    ]);
  });

  it('sends to the owner group and the role holders', () => {
    expect(
      recipientsFor({
        ...base,
        statement: moj('POL.ITSEC.043'),
        kind: 'overdue',
      }),
    ).toEqual({
      entityRefs: ['group:default/team-a', 'user:default/dora'],
      roles: ['dr-lead'],
    });
    expect(
      recipientsFor({
        ...base,
        statement: moj('POL.ITSEC.043'),
        kind: 'exception-expired',
      }).entityRefs,
    ).toEqual(['group:default/team-a', 'user:default/sarah']);
  });

  it('asks every holder of a system role to renew their role acknowledgement', () => {
    expect(
      recipientsFor({
        ...base,
        statement: moj('POL.ITSEC.023'),
        kind: 'due-soon',
      }),
    ).toEqual({
      entityRefs: [
        'group:default/team-a',
        'user:default/sarah',
        'user:default/ian',
        'user:default/sue',
        'user:default/dora',
      ],
      roles: ['business-siro', 'iao', 'system-manager', 'dr-lead'],
    });
  });

  it('falls back to the IAO and system manager when the role has no holder', () => {
    expect(
      recipientsFor({
        ...base,
        statement: moj('POL.ITSEC.034'),
        kind: 'overdue',
      }),
    ).toEqual({
      entityRefs: [
        'group:default/team-a',
        'user:default/ian',
        'user:default/sue',
      ],
      roles: ['iao', 'system-manager'],
    });
  });

  it('follows the recipient switches', () => {
    expect(
      recipientsFor({
        ...base,
        includeRoleHolders: false,
        statement: moj('POL.ITSEC.043'),
        kind: 'overdue',
      }).entityRefs,
    ).toEqual(['group:default/team-a']);
    expect(
      recipientsFor({
        ...base,
        includeOwner: false,
        includeRoleHolders: false,
        statement: moj('POL.ITSEC.043'),
        kind: 'overdue',
      }).entityRefs,
    ).toEqual([]);
  });
});
