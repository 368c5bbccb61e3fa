import { Entity } from '@backstage/catalog-model';

/** A User entity of the test catalog, member of the given groups. */
export function user(
  name: string,
  email?: string,
  groups: string[] = [],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default', description: `Test user ${name}` },
    spec: {
      profile: {
        displayName: name.replace('.', ' '),
        ...(email ? { email } : {}),
      },
      memberOf: groups,
    },
    relations: groups.map(group => ({
      type: 'memberOf',
      targetRef: `group:default/${group}`,
    })),
  };
}
