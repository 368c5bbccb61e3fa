import type { Entity } from '@backstage/catalog-model';
import {
  codeOfConnectionApprovalProblems,
  codeOfConnectionCountsFor,
  codeOfConnectionOwnerProblem,
  codeOfConnectionToConnections,
  indexCodesOfConnection,
} from './connections';
import { isCodeOfConnectionEntity } from './types';
import { validateCodeOfConnection } from './validate';

function coc(
  spec: Record<string, unknown> | undefined,
  metadata: Record<string, unknown> = {},
): Entity {
  return {
    apiVersion: 'itsec.justice.gov.uk/v1alpha1',
    kind: 'CodeOfConnection',
    metadata: { name: 'lpa-to-hmrc', ...metadata },
    ...(spec === undefined ? {} : { spec }),
  } as Entity;
}

const VALID = {
  system: 'system:default/lpa',
  counterparty: {
    entityRef: 'system:external/hmrc-gateway',
    organisation: 'HM Revenue & Customs',
  },
  category: 'government-department',
  direction: 'both',
  dataShared: 'Donor names, dates of birth, NI numbers',
  personalData: true,
  classification: 'OFFICIAL-SENSITIVE',
  informationSharingAgreement: 'https://example.org/isa/lpa-hmrc',
  approvals: {
    accreditor: { by: 'david.okafor', date: '2025-01-10' },
    itso: { by: 'user:default/priya.shah', date: '2025-01-11' },
    iao: { by: 'thomas.green', date: '2025-01-12' },
    counterparty: { name: 'J. Smith, HMRC DSO', date: '2025-01-14' },
  },
  status: 'agreed',
  agreedDate: '2025-01-15',
  reviewDate: '2026-01-15',
  owner: 'lpa-team',
};

const messages = (e: Entity) =>
  validateCodeOfConnection(e).problems.map(p => p.message);

describe('validateCodeOfConnection', () => {
  it('accepts a complete Code of Connection and normalises it', () => {
    const r = validateCodeOfConnection(coc(VALID));
    expect(r.problems).toEqual([]);
    expect(r.isCodeOfConnection).toBe(true);
    expect(r.parsed).toEqual({
      entityRef: 'codeofconnection:default/lpa-to-hmrc',
      system: 'system:default/lpa',
      counterpartyRef: 'system:external/hmrc-gateway',
      counterpartyOrganisation: 'HM Revenue & Customs',
      category: 'government-department',
      direction: 'both',
      dataShared: 'Donor names, dates of birth, NI numbers',
      personalData: true,
      classification: { classification: 'OFFICIAL', sensitive: true },
      informationSharingAgreement: 'https://example.org/isa/lpa-hmrc',
      approvals: {
        accreditor: { by: 'user:default/david.okafor', date: '2025-01-10' },
        itso: { by: 'user:default/priya.shah', date: '2025-01-11' },
        iao: { by: 'user:default/thomas.green', date: '2025-01-12' },
        counterparty: { name: 'J. Smith, HMRC DSO', date: '2025-01-14' },
      },
      status: 'agreed',
      agreedDate: '2025-01-15',
      reviewDate: '2026-01-15',
      owner: 'group:default/lpa-team',
      title: undefined,
    });
  });

  it('accepts a minimal draft with an organisation as counterparty', () => {
    expect(
      messages(
        coc({
          system: 'lpa',
          counterparty: { organisation: 'Acme Print Ltd' },
          category: 'third-party',
          direction: 'out',
          dataShared: 'Letters',
          personalData: 'false',
          classification: 'OFFICIAL',
          status: 'draft',
          owner: 'group:default/itso',
        }),
      ),
    ).toEqual([]);
  });

  it('accepts unquoted YAML 1.1 dates (Date objects)', () => {
    expect(
      messages(
        coc({
          ...VALID,
          agreedDate: new Date('2025-01-15'),
          reviewDate: new Date('2026-01-15'),
        }),
      ),
    ).toEqual([]);
  });

  it('recognises the kind', () => {
    expect(isCodeOfConnectionEntity(coc(VALID))).toBe(true);
    expect(
      isCodeOfConnectionEntity({
        ...coc(VALID),
        apiVersion: 'backstage.io/v1alpha1',
      }),
    ).toBe(false);
    expect(
      validateCodeOfConnection({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: { name: 'x' },
      }).isCodeOfConnection,
    ).toBe(false);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'review date before agreed date',
      { reviewDate: '2024-01-15' },
      'spec.reviewDate: "2024-01-15" is not after spec.agreedDate "2025-01-15"',
    ],
    [
      'review date equal to agreed date',
      { reviewDate: '2025-01-15' },
      'spec.reviewDate: "2025-01-15" is not after spec.agreedDate "2025-01-15"',
    ],
    [
      'bad agreed date',
      { agreedDate: '15/01/2025' },
      'spec.agreedDate: "15/01/2025" is not a date (use YYYY-MM-DD)',
    ],
    [
      'impossible review date',
      { reviewDate: '2026-02-30' },
      'spec.reviewDate: "2026-02-30" is not a calendar date',
    ],
    [
      'unknown category',
      { category: 'partner' },
      'spec.category: "partner" is not one of moj-domain, government-department, third-party',
    ],
    [
      'unknown direction',
      { direction: 'sideways' },
      'spec.direction: "sideways" is not one of in, out, both',
    ],
    [
      'unknown status',
      { status: 'signed' },
      'spec.status: "signed" is not one of draft, agreed, expired, revoked',
    ],
    [
      'unknown classification',
      { classification: 'PROTECT' },
      'spec.classification: "PROTECT" is a protective marking retired in 2014',
    ],
    [
      'personalData not boolean',
      { personalData: 'maybe' },
      'spec.personalData: "maybe" is not true or false',
    ],
    ['missing system', { system: undefined }, 'spec.system: is required'],
    [
      'system not a ref',
      { system: 'Legal Aid Portal' },
      'spec.system: "Legal Aid Portal" is not an entity ref',
    ],
    [
      'counterparty as a string',
      { counterparty: 'HMRC' },
      'spec.counterparty: "HMRC" must be an object with entityRef and/or organisation',
    ],
    [
      'empty counterparty',
      { counterparty: {} },
      'spec.counterparty: needs entityRef (the other system) or organisation (the other party)',
    ],
    [
      'counterparty is the system',
      { counterparty: { entityRef: 'lpa' } },
      'spec.counterparty.entityRef: "lpa" is the same entity as spec.system',
    ],
    [
      'unknown counterparty field',
      { counterparty: { name: 'HMRC', organisation: 'HMRC' } },
      'spec.counterparty.name: is not a counterparty field',
    ],
    ['missing dataShared', { dataShared: '' }, 'spec.dataShared: is required'],
    [
      'ISA not a link',
      { informationSharingAgreement: 'on sharepoint' },
      'spec.informationSharingAgreement: "on sharepoint" is not a link',
    ],
    [
      'approver is a group',
      {
        approvals: {
          ...VALID.approvals,
          itso: { by: 'group:itso', date: '2025-01-11' },
        },
      },
      'spec.approvals.itso.by: "group:itso" is a group ref, not a user entity ref',
    ],
    [
      'approval without date',
      { approvals: { ...VALID.approvals, iao: { by: 'thomas.green' } } },
      'spec.approvals.iao.date: is required (YYYY-MM-DD)',
    ],
    [
      'approval after agreement',
      {
        approvals: {
          ...VALID.approvals,
          accreditor: { by: 'david.okafor', date: '2025-02-01' },
        },
      },
      'spec.approvals.accreditor.date: "2025-02-01" is after spec.agreedDate "2025-01-15"',
    ],
    [
      'agreed without approvals',
      { approvals: { accreditor: VALID.approvals.accreditor } },
      'spec.approvals: lacks itso, iao: an agreed Code of Connection is approved by the Accreditor, the ITSO and the IAO',
    ],
    [
      'unknown approval',
      {
        approvals: {
          ...VALID.approvals,
          siro: { by: 'x', date: '2025-01-01' },
        },
      },
      'spec.approvals.siro: is not an approval',
    ],
    [
      'agreed without agreed date',
      { agreedDate: undefined, reviewDate: undefined },
      'spec.agreedDate: is required when status is agreed',
    ],
    [
      'unknown field',
      { expiry: '2026-01-01' },
      'spec.expiry: is not a CodeOfConnection field',
    ],
    [
      'bad owner',
      { owner: 'Team LPA' },
      'spec.owner: "Team LPA" is not an entity ref',
    ],
    [
      'no owner',
      { owner: undefined },
      'spec.owner: is required: the group that owns the agreement (the system\u2019s owner or the ITSO group)',
    ],
  ])('reports %s', (_name, patch, expected) => {
    const spec: Record<string, unknown> = { ...VALID, ...patch };
    for (const k of Object.keys(spec))
      if (spec[k] === undefined) delete spec[k];
    const found = messages(coc(spec));
    expect(found).toHaveLength(1);
    expect(found[0].startsWith(expected)).toBe(true);
  });

  it('names a blank signatory as missing and a date that is not text as such', () => {
    expect(
      messages(
        coc({
          ...VALID,
          approvals: {
            ...VALID.approvals,
            iao: { by: 'thomas.green', date: { day: 12 } },
            counterparty: { name: '  ', date: '2025-01-14' },
          },
        }),
      ),
    ).toEqual([
      'spec.approvals.iao.date: "{\\"day\\":12}" must be a string',
      'spec.approvals.counterparty.name: is required (the counterparty\u2019s signatory)',
    ]);
  });

  it('reports a missing spec and a wrong apiVersion', () => {
    expect(
      messages({ ...coc(undefined), apiVersion: 'itsec.justice.gov.uk/v2' }),
    ).toEqual([
      'apiVersion: "itsec.justice.gov.uk/v2" is not itsec.justice.gov.uk/v1alpha1',
      'spec: is required (system, counterparty, category, direction, dataShared, personalData, classification, status)',
    ]);
  });

  it('reports every missing required field at once', () => {
    expect(
      validateCodeOfConnection(coc({})).problems.map(p => p.field),
    ).toEqual([
      'spec.system',
      'spec.counterparty',
      'spec.category',
      'spec.direction',
      'spec.dataShared',
      'spec.personalData',
      'spec.classification',
      'spec.status',
      'spec.owner',
    ]);
  });
});

describe('Codes of Connection in profiles', () => {
  it('gives the connection to both sides when the counterparty is in the catalog', () => {
    const { parsed } = validateCodeOfConnection(coc(VALID));
    expect(codeOfConnectionToConnections(parsed)).toEqual([
      {
        entityRef: 'system:default/lpa',
        connection: {
          ref: 'codeofconnection:default/lpa-to-hmrc',
          counterparty: 'system:external/hmrc-gateway',
          category: 'government-department',
          direction: 'both',
          personalData: true,
          classification: 'OFFICIAL',
          agreementLink: 'https://example.org/isa/lpa-hmrc',
          approvals: {
            accreditor: { by: 'user:default/david.okafor', date: '2025-01-10' },
            itso: { by: 'user:default/priya.shah', date: '2025-01-11' },
            iao: { by: 'user:default/thomas.green', date: '2025-01-12' },
            counterparty: { by: 'J. Smith, HMRC DSO', date: '2025-01-14' },
          },
          status: 'agreed',
          agreedDate: '2025-01-15',
          reviewDue: '2026-01-15',
          owner: 'group:default/lpa-team',
          source: { inherited: false },
        },
      },
      {
        entityRef: 'system:external/hmrc-gateway',
        connection: expect.objectContaining({
          counterparty: 'system:default/lpa',
          direction: 'both',
        }),
      },
    ]);
  });

  it('turns the direction round for the counterparty', () => {
    const { parsed } = validateCodeOfConnection(
      coc({ ...VALID, direction: 'out' }),
    );
    expect(
      codeOfConnectionToConnections(parsed).map(
        c => `${c.entityRef} ${c.connection.direction}`,
      ),
    ).toEqual(['system:default/lpa out', 'system:external/hmrc-gateway in']);
  });

  it('indexes connections by entity, ignoring other kinds and unusable ones', () => {
    const index = indexCodesOfConnection([
      coc(VALID),
      coc(
        { ...VALID, counterparty: { organisation: 'Acme' }, status: 'expired' },
        { name: 'lpa-to-acme' },
      ),
      coc({ system: 'lpa' }, { name: 'broken' }),
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: { name: 'lpa' },
      },
    ]);
    expect([...index.keys()]).toEqual([
      'system:default/lpa',
      'system:external/hmrc-gateway',
    ]);
    expect(
      index
        .get('system:default/lpa')!
        .map(c => `${c.ref} ${c.status} ${c.counterparty}`),
    ).toEqual([
      'codeofconnection:default/lpa-to-hmrc agreed system:external/hmrc-gateway',
      'codeofconnection:default/lpa-to-acme expired Acme',
    ]);
  });
});

describe('dates in a Code of Connection', () => {
  it.each([
    [
      'agreedDate',
      { agreedDate: '2027-02-30' },
      'spec.agreedDate: "2027-02-30" is not a calendar date',
    ],
    [
      'reviewDate',
      { reviewDate: '2027-13-01' },
      'spec.reviewDate: "2027-13-01" is not a calendar date',
    ],
    [
      'an approval date',
      {
        approvals: {
          ...VALID.approvals,
          iao: { by: 'thomas.green', date: '2025-02-29' },
        },
      },
      'spec.approvals.iao.date: "2025-02-29" is not a calendar date',
    ],
  ])('rejects an impossible %s', (_name, patch, expected) => {
    expect(messages(coc({ ...VALID, ...patch }))).toEqual([expected]);
  });

  it.each([
    [
      'spec.agreedDate',
      { agreedDate: '2026-03-01', reviewDate: '2027-03-01' },
      '2026-03-01',
    ],
    [
      'spec.approvals.accreditor.date',
      {
        agreedDate: '2026-03-01',
        reviewDate: '2027-03-01',
        approvals: {
          ...VALID.approvals,
          accreditor: { by: 'david.okafor', date: '2026-02-20' },
        },
      },
      '2026-02-20',
    ],
    [
      'spec.approvals.itso.date',
      {
        agreedDate: '2026-03-01',
        reviewDate: '2027-03-01',
        approvals: {
          ...VALID.approvals,
          itso: { by: 'priya.shah', date: '2026-02-20' },
        },
      },
      '2026-02-20',
    ],
    [
      'spec.approvals.iao.date',
      {
        agreedDate: '2026-03-01',
        reviewDate: '2027-03-01',
        approvals: {
          ...VALID.approvals,
          iao: { by: 'thomas.green', date: '2026-02-20' },
        },
      },
      '2026-02-20',
    ],
    [
      'spec.approvals.counterparty.date',
      {
        agreedDate: '2026-03-01',
        reviewDate: '2027-03-01',
        approvals: {
          ...VALID.approvals,
          counterparty: { name: 'HMRC DSO', date: '2026-02-20' },
        },
      },
      '2026-02-20',
    ],
  ])(
    'reports %s later than the evaluation date as in the future',
    (field, patch, date) => {
      const entity = coc({ ...VALID, ...patch });
      expect(validateCodeOfConnection(entity).problems).toEqual([]);
      const r = validateCodeOfConnection(entity, { asOf: '2026-02-10' });
      expect(
        r.problems.filter(p => p.field === field).map(p => p.message),
      ).toEqual([
        `${field}: ${date} is in the future (evaluated on 2026-02-10): a date on which something happened is not evidence before that day`,
      ]);
      // Reported, still parsed: the evaluation shows the gap.
      expect(r.parsed.status).toBe('agreed');
    },
  );

  it('does not report a review date after the evaluation date (it is forward-looking)', () => {
    expect(
      validateCodeOfConnection(coc(VALID), { asOf: '2025-06-01' }).problems,
    ).toEqual([]);
  });
});

describe('who may own and approve a Code of Connection', () => {
  it('counts it only for the system owner or the ITSO group', () => {
    expect(
      codeOfConnectionCountsFor(
        'group:default/lpa-team',
        'group:default/lpa-team',
      ),
    ).toBe(true);
    expect(
      codeOfConnectionCountsFor(
        'Group:Default/LPA-Team',
        'group:default/lpa-team',
      ),
    ).toBe(true);
    expect(
      codeOfConnectionCountsFor('group:default/itso', 'group:default/lpa-team'),
    ).toBe(true);
    expect(codeOfConnectionCountsFor('group:default/itso', undefined)).toBe(
      true,
    );
    expect(
      codeOfConnectionCountsFor(
        'group:default/sec',
        'group:default/lpa-team',
        'group:default/sec',
      ),
    ).toBe(true);
    expect(
      codeOfConnectionCountsFor(
        'group:default/itso',
        'group:default/lpa-team',
        'group:default/sec',
      ),
    ).toBe(false);
    expect(
      codeOfConnectionCountsFor(
        'group:default/other-team',
        'group:default/lpa-team',
      ),
    ).toBe(false);
    expect(codeOfConnectionCountsFor(undefined, 'group:default/lpa-team')).toBe(
      false,
    );
    expect(
      codeOfConnectionCountsFor('group:default/other-team', undefined),
    ).toBe(false);
  });

  it('names the owner, the system and its owner when they do not match', () => {
    expect(
      codeOfConnectionOwnerProblem(
        { owner: 'group:default/other-team', system: 'system:default/lpa' },
        'group:default/lpa-team',
      ),
    ).toBe(
      'spec.owner: "group:default/other-team" is neither the owner of system:default/lpa (group:default/lpa-team) nor the ITSO group (group:default/itso); a Code of Connection belongs to the system\u2019s owner or the ITSO, so it does not count for system:default/lpa',
    );
    expect(
      codeOfConnectionOwnerProblem(
        { owner: 'group:default/lpa-team', system: 'system:default/lpa' },
        'group:default/lpa-team',
      ),
    ).toBeUndefined();
  });

  const h = (ref: string) => [{ ref, source: { inherited: false } }];
  const fromDomain = (ref: string) => [
    { ref, source: { inherited: true, from: 'domain:default/hmcts' } },
  ];
  const approvals = {
    accreditor: { by: 'user:default/david.okafor', date: '2025-01-10' },
    itso: { by: 'user:default/priya.shah', date: '2025-01-11' },
    iao: { by: 'user:default/thomas.green', date: '2025-01-12' },
    counterparty: { by: 'HMRC DSO', date: '2025-01-14' },
  };
  const roles = {
    accreditor: h('user:default/david.okafor'),
    iao: h('user:default/thomas.green'),
    itso: fromDomain('user:default/priya.shah'),
  };

  it('accepts approvals by the role holders', () => {
    expect(codeOfConnectionApprovalProblems(approvals, roles)).toEqual([]);
  });

  it('names each approval given by someone who does not hold the role', () => {
    expect(
      codeOfConnectionApprovalProblems(approvals, {
        accreditor: h('user:default/helen.pritchard'),
      }).map(p => p.message),
    ).toEqual([
      'the Accreditor approval is by user:default/david.okafor, who is not the system\u2019s Accreditor (user:default/helen.pritchard)',
      'the ITSO approval is by user:default/priya.shah, who is neither a member of the ITSO group nor the ITSO declared on the Domain (none named)',
      'the Information Asset Owner approval is by user:default/thomas.green, who is not the system\u2019s Information Asset Owner (none named)',
    ]);
  });

  it('never takes the ITSO approval from an ITSO the system names for itself', () => {
    for (const itso of [
      h('user:default/priya.shah'),
      [
        {
          ref: 'user:default/priya.shah',
          source: {
            inherited: true,
            from: 'system:default/civil-money-claims',
          },
        },
      ],
    ]) {
      expect(
        codeOfConnectionApprovalProblems(approvals, { ...roles, itso }).map(
          p => p.message,
        ),
      ).toEqual([
        'the ITSO approval is by user:default/priya.shah, who is neither a member of the ITSO group nor the ITSO declared on the Domain (none named)',
      ]);
    }
  });

  it('accepts the ITSO approval from a member of the ITSO group', () => {
    const noItso = { ...roles, itso: undefined };
    expect(
      codeOfConnectionApprovalProblems(approvals, noItso).map(p => p.approval),
    ).toEqual(['itso']);
    expect(
      codeOfConnectionApprovalProblems(approvals, noItso, [
        'user:default/priya.shah',
      ]),
    ).toEqual([]);
    // Group membership counts for the ITSO approval only.
    expect(
      codeOfConnectionApprovalProblems(
        approvals,
        { ...roles, iao: undefined },
        ['user:default/thomas.green'],
      ).map(p => p.approval),
    ).toEqual(['iao']);
  });
});
