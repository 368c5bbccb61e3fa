/**
 * A Group as the catalog serves it: its members as `hasMember` relations and
 * its sub-groups (`children`, names in the default namespace) as `parentOf`
 * relations, the form the itsec backend reads membership from.
 *
 * @public
 */
export function catalogGroup(
  name: string,
  members: readonly string[],
  children: readonly string[] = [],
) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [...children] },
    relations: [
      ...members.map(m => ({ type: 'hasMember', targetRef: m })),
      ...children.map(c => ({
        type: 'parentOf',
        targetRef: `group:default/${c}`,
      })),
    ],
  };
}
