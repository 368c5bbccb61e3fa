import { parseEntityPath, parseEntityRefField } from './parseEntityRef';

describe('parseEntityRefField', () => {
  it('reads a full ref, lower-cased', () => {
    expect(parseEntityRefField('System:Default/Civil', 'entityRef')).toBe(
      'system:default/civil',
    );
  });

  it('fills in the default namespace', () => {
    expect(parseEntityRefField('component:payments', 'entityRef')).toBe(
      'component:default/payments',
    );
  });

  it.each(['no-kind', 'component:', ':x'])(
    "rejects '%s' naming the field",
    value => {
      expect(() => parseEntityRefField(value, 'entityRef')).toThrow(
        `entityRef: '${value}' is not an entity ref`,
      );
    },
  );
});

describe('parseEntityPath', () => {
  it('joins and lower-cases the path parameters', () => {
    expect(
      parseEntityPath({ kind: 'Component', namespace: 'default', name: 'Pay' }),
    ).toBe('component:default/pay');
  });
});
