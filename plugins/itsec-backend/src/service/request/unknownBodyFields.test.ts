import { InputError } from '@backstage/errors';
import { spec } from '../../schema/openapi.generated';
import { rejectUnknownBodyFields } from './unknownBodyFields';

const middleware = rejectUnknownBodyFields(spec);

function run(method: string, path: string, body: unknown) {
  const next = jest.fn();
  middleware({ method, path, body } as any, {} as any, next);
  expect(next).toHaveBeenCalledTimes(1);
  return next.mock.calls[0][0] as Error | undefined;
}

describe('rejectUnknownBodyFields (from openapi.yaml)', () => {
  it('passes bodies with only the fields the schema allows', () => {
    expect(
      run('POST', '/attestations', { entityRef: 'x', statementId: 'y' }),
    ).toBeUndefined();
    expect(
      run('POST', '/exceptions/abc/approve', { comment: 'ok' }),
    ).toBeUndefined();
  });

  it('names the unknown fields and the allowed ones', () => {
    const error = run('POST', '/attestations', { entityRef: 'x', extra: 1 });
    expect(error).toBeInstanceOf(InputError);
    expect(error?.message).toBe(
      'extra: unknown field; allowed: entityRef, statementId, evidenceLink, statement, validUntil',
    );
    expect(
      run('POST', '/exceptions/abc/reject', { note: 1, why: 2 })?.message,
    ).toBe('note, why: unknown fields; allowed: comment');
  });

  it('says when the body must be empty', () => {
    expect(
      run('POST', '/entities/component/default/pay/refresh', { force: true })
        ?.message,
    ).toBe('force: unknown field; the body must be empty');
  });

  it('leaves other methods and routes to the validator', () => {
    expect(run('GET', '/attestations', { extra: 1 })).toBeUndefined();
    expect(run('POST', '/nowhere', { extra: 1 })).toBeUndefined();
  });
});
