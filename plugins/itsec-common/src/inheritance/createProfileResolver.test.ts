import { emptySecurityProfile, SecurityProfile } from '../profile/types';
import { createProfileResolver } from './createProfileResolver';
import { resolveProfile } from './resolveProfile';

const DOMAIN = 'domain:default/justice';
const SYSTEM = 'system:default/payments';
const COMPONENT = 'component:default/payments-api';

function own(ref: string): SecurityProfile {
  const p = emptySecurityProfile(ref);
  if (ref === DOMAIN) {
    p.classification = 'OFFICIAL';
    p.roles.itso = [{ ref: 'user:default/ciso', source: { inherited: false } }];
  }
  if (ref === SYSTEM) {
    p.roles.iao = [{ ref: 'user:default/iao', source: { inherited: false } }];
  }
  return p;
}

/** A source over `parents` (ref → parent ref) that counts its calls. */
function source(parents: Record<string, string | undefined>) {
  const ownCalls: string[] = [];
  const parentCalls: string[] = [];
  return {
    ownCalls,
    parentCalls,
    ownProfile: (ref: string) => {
      ownCalls.push(ref);
      return ref in parents ? own(ref) : undefined;
    },
    parentRef: (ref: string) => {
      parentCalls.push(ref);
      return parents[ref];
    },
  };
}

describe('createProfileResolver', () => {
  it('resolves parents first and passes the resolved parent on', () => {
    const resolver = createProfileResolver(
      source({ [COMPONENT]: SYSTEM, [SYSTEM]: DOMAIN, [DOMAIN]: undefined }),
    );
    const domain = resolveProfile(own(DOMAIN), []);
    const system = resolveProfile(own(SYSTEM), [domain]);
    const component = resolveProfile(own(COMPONENT), [system]);

    const resolved = resolver.profile(COMPONENT)!;
    expect(resolved).toEqual(component);
    expect(resolved.classification).toBe('OFFICIAL');
    expect(resolved.roles.itso?.[0].ref).toBe('user:default/ciso');
    expect(resolved.roles.iao?.[0].ref).toBe('user:default/iao');
    expect(resolver.profile(SYSTEM)).toEqual(system);
    expect(resolver.profile(DOMAIN)).toEqual(domain);
  });

  it('computes each profile once and returns the same object afterwards', () => {
    const src = source({
      [COMPONENT]: SYSTEM,
      'api:default/other': SYSTEM,
      [SYSTEM]: DOMAIN,
      [DOMAIN]: undefined,
    });
    const resolver = createProfileResolver(src);
    const first = resolver.profile(COMPONENT);
    const system = resolver.profile(SYSTEM);
    resolver.profile('api:default/other');
    expect(resolver.profile(COMPONENT)).toBe(first);
    expect(resolver.profile(SYSTEM)).toBe(system);
    expect(src.ownCalls.sort()).toEqual(
      [COMPONENT, SYSTEM, DOMAIN, 'api:default/other'].sort(),
    );
    expect(src.parentCalls.sort()).toEqual(
      [COMPONENT, SYSTEM, DOMAIN, 'api:default/other'].sort(),
    );
  });

  it('returns undefined for an unknown entity and skips an unknown parent', () => {
    const resolver = createProfileResolver(
      source({ [COMPONENT]: 'system:default/elsewhere' }),
    );
    expect(resolver.profile('component:default/nope')).toBeUndefined();
    expect(resolver.profile('system:default/elsewhere')).toBeUndefined();
    expect(resolver.profile(COMPONENT)).toEqual(
      resolveProfile(own(COMPONENT), []),
    );
  });

  it('cuts a cycle where it closes', () => {
    const resolver = createProfileResolver(
      source({ [SYSTEM]: DOMAIN, [DOMAIN]: SYSTEM }),
    );
    // Resolving the System reaches the Domain, whose parent (the System) is
    // being resolved: the Domain resolves on its own, the System from it.
    const domain = resolveProfile(own(DOMAIN), []);
    expect(resolver.profile(SYSTEM)).toEqual(
      resolveProfile(own(SYSTEM), [domain]),
    );
    expect(resolver.profile(DOMAIN)).toEqual(domain);
  });

  it('treats an entity that is its own parent as having none', () => {
    const resolver = createProfileResolver(source({ [DOMAIN]: DOMAIN }));
    expect(resolver.profile(DOMAIN)).toEqual(resolveProfile(own(DOMAIN), []));
  });

  it('calls the source as methods of the object given', () => {
    class Catalog {
      constructor(
        private readonly parents: Record<string, string | undefined>,
      ) {}
      ownProfile(ref: string) {
        return ref in this.parents ? own(ref) : undefined;
      }
      parentRef(ref: string) {
        return this.parents[ref];
      }
    }
    const resolver = createProfileResolver(
      new Catalog({ [SYSTEM]: DOMAIN, [DOMAIN]: undefined }),
    );
    expect(resolver.profile(SYSTEM)?.classification).toBe('OFFICIAL');
  });
});
