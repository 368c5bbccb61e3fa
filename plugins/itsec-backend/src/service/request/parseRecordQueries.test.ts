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

  it('rejects a bad entity ref naming the field', () => {
    expect(() => parseAttestationQuery({ entityRef: 'civil' })).toThrow(
      "entityRef: 'civil' is not an entity ref",
    );
  });
});

describe('parseExceptionQuery', () => {
  it('reads the entity and the state', () => {
    expect(
      parseExceptionQuery({ entityRef: 'component:pay', state: 'requested' }),
    ).toEqual({ entityRef: 'component:default/pay', state: 'requested' });
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
        offset: 10,
        limit: 5,
      }),
    ).toEqual({
      entityRef: 'component:default/pay',
      actor: 'user:default/alice',
      action: 'exception.approve',
      outcome: 'denied',
      offset: 10,
      limit: 5,
    });
  });

  it('defaults to the first page of everything', () => {
    expect(parseAuditQuery({})).toEqual({ offset: 0, limit: 50 });
  });

  it('rejects a bad entity ref naming the field', () => {
    expect(() => parseAuditQuery({ entityRef: 'x:' })).toThrow(
      "entityRef: 'x:' is not an entity ref",
    );
  });
});
