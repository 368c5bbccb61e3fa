import {
  parseAttestationQuery,
  parseAuditQuery,
  parseExceptionQuery,
} from './parseRecordQueries';

describe('parseAttestationQuery', () => {
  it('reads the entity (normalised) and the statement', () => {
    expect(
      parseAttestationQuery({
        entityRef: 'System:default/Civil',
        statementId: 'POL.ITSEC.005',
      }),
    ).toEqual({
      entityRef: 'system:default/civil',
      statementId: 'POL.ITSEC.005',
    });
    expect(parseAttestationQuery({})).toEqual({});
  });

  it('rejects a bad entity ref or a repeated parameter naming the field', () => {
    expect(() => parseAttestationQuery({ entityRef: 'civil' })).toThrow(
      "entityRef: 'civil' is not an entity ref",
    );
    expect(() => parseAttestationQuery({ statementId: ['a', 'b'] })).toThrow(
      'statementId: give it once',
    );
  });
});

describe('parseExceptionQuery', () => {
  it('reads the state', () => {
    expect(parseExceptionQuery({ state: 'requested' })).toEqual({
      state: 'requested',
    });
  });

  it('rejects an unknown state naming the field', () => {
    expect(() => parseExceptionQuery({ state: 'pending' })).toThrow(
      "state: 'pending' is not one of requested, approved",
    );
  });
});

describe('parseAuditQuery', () => {
  it('reads every filter and the page', () => {
    expect(
      parseAuditQuery({
        entityRef: 'component:default/pay',
        actor: 'user:default/alice',
        action: 'exception.approve',
        outcome: 'denied',
        offset: '10',
        limit: '5',
      }),
    ).toEqual({
      entityRef: 'component:default/pay',
      actor: 'user:default/alice',
      action: 'exception.approve',
      outcome: 'denied',
      offset: 10,
      limit: 5,
    });
    expect(parseAuditQuery({})).toEqual({ offset: 0, limit: 50 });
  });

  it('rejects an unknown outcome naming the field', () => {
    expect(() => parseAuditQuery({ outcome: 'maybe' })).toThrow(
      'outcome: must be allowed or denied',
    );
  });
});
