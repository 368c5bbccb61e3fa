import {
  createMockDirectory,
  mockCredentials,
  TestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { startCatalogWithItsec } from './__testUtils__/catalog';

jest.setTimeout(60_000);

const CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-a }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: jane.doe }
spec: { memberOf: [team-a] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: sam.siro }
spec: { memberOf: [team-a] }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: claims
  annotations:
    itsec.justice.gov.uk/classification: OFFICIAL-SENSITIVE
    itsec.justice.gov.uk/role-business-siro: user:default/sam.siro
    itsec.justice.gov.uk/role-iao: jane.doe
    itsec.justice.gov.uk/risk-assessment-date: "2025-06-31"
spec: { owner: team-a }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: claims-api
  annotations:
    itsec.justice.gov.uk/classification: SECRETISH
    itsec.justice.gov.uk/role-business-siro: sam.siro
    itsec.justice.gov.uk/role-system-manager: group:default/team-a
    itsec.justice.gov.uk/role-dr-lead: jane.doe
spec: { type: service, lifecycle: production, owner: team-a, system: claims }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: plain }
spec: { type: service, lifecycle: production, owner: team-a }
---
apiVersion: itsec.justice.gov.uk/v1alpha1
kind: CodeOfConnection
metadata: { name: claims-to-bank }
spec:
  system: claims
  counterparty: { organisation: Example Bank plc }
  category: third-party
  direction: out
  dataShared: Payment references
  personalData: true
  classification: OFFICIAL
  approvals:
    accreditor: { by: jane.doe, date: 2025-01-10 }
    itso: { by: jane.doe, date: 2025-01-11 }
    iao: { by: jane.doe, date: 2025-01-12 }
  status: agreed
  agreedDate: 2025-01-15
  reviewDate: 2024-01-15
  owner: team-a
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-b }
spec: { type: team, children: [] }
---
apiVersion: itsec.justice.gov.uk/v1alpha1
kind: CodeOfConnection
metadata: { name: claims-to-printer }
spec:
  system: claims
  counterparty: { organisation: Example Print Ltd }
  category: third-party
  direction: out
  dataShared: Letters
  personalData: true
  classification: OFFICIAL
  status: draft
  owner: team-b
---
apiVersion: itsec.justice.gov.uk/v1alpha1
kind: CodeOfConnection
metadata: { name: ghost-to-printer }
spec:
  system: ghost
  counterparty: { organisation: Example Print Ltd }
  category: third-party
  direction: out
  dataShared: Letters
  personalData: true
  classification: OFFICIAL
  status: draft
  owner: team-b
`;

describe('catalogModuleItsec', () => {
  const mockDir = createMockDirectory();
  let backend: TestBackend;

  beforeAll(async () => {
    mockDir.setContent({ 'catalog-info.yaml': CATALOG });
    backend = await startCatalogWithItsec(
      mockDir.resolve('catalog-info.yaml'),
      { processingIntervalSeconds: 1 },
    );
  });

  afterAll(async () => {
    await backend?.stop();
  });

  async function getEntity(
    kind: string,
    name: string,
  ): Promise<Entity | undefined> {
    const res = await fetch(
      `http://localhost:${backend.server.port()}/api/catalog/entities/by-name/${kind}/default/${name}`,
      { headers: { Authorization: mockCredentials.user.header() } },
    );
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
    return (await res.json()) as Entity;
  }

  /** Waits until the entity exists and `ready` holds (stitching is asynchronous). */
  async function waitFor(
    kind: string,
    name: string,
    ready: (e: Entity) => boolean,
  ): Promise<Entity> {
    const deadline = Date.now() + 40_000;
    let last: Entity | undefined;
    while (Date.now() < deadline) {
      last = await getEntity(kind, name);
      if (last && ready(last)) return last;
      await new Promise(r => setTimeout(r, 250));
    }
    throw new Error(
      `Timed out waiting for ${kind}:${name}; last seen ${JSON.stringify(
        last,
      )}`,
    );
  }

  const relations = (e: Entity) =>
    (e.relations ?? []).map(r => `${r.type} ${r.targetRef}`);
  const errors = (e: Entity) =>
    ((e as any).status?.items ?? [])
      .filter(
        (i: any) =>
          i.type === 'backstage.io/catalog-processing' && i.level === 'error',
      )
      .map((i: any) => i.error.message as string);

  it('emits one relation pair per role, between the entity and the user', async () => {
    // Relations reach an entity over several processing and stitching passes
    // (the CodeOfConnection's after the system's own): wait for all of them.
    const has = (expected: string[]) => (e: Entity) =>
      expected.every(r => relations(e).includes(r));
    const systemRelations = [
      'hasBusinessSiro user:default/sam.siro',
      'hasInformationAssetOwner user:default/jane.doe',
      'connectedBy codeofconnection:default/claims-to-bank',
      'ownedBy group:default/team-a',
    ];
    const system = await waitFor('system', 'claims', has(systemRelations));
    expect(relations(system)).toEqual(expect.arrayContaining(systemRelations));
    const janeRelations = [
      'informationAssetOwnerOf system:default/claims',
      'drLeadOf component:default/claims-api',
    ];
    const jane = await waitFor('user', 'jane.doe', has(janeRelations));
    expect(relations(jane)).toEqual(expect.arrayContaining(janeRelations));
    const sam = await waitFor(
      'user',
      'sam.siro',
      has(['businessSiroOf system:default/claims']),
    );
    expect(relations(sam)).toContain('businessSiroOf system:default/claims');
  });

  it('reports malformed values as processing errors naming annotation and value, and still ingests the entity', async () => {
    const component = await waitFor(
      'component',
      'claims-api',
      e => errors(e).length > 0,
    );
    expect(errors(component)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /itsec\.justice\.gov\.uk\/classification: "SECRETISH" is not a classification/,
        ),
        expect.stringMatching(
          /itsec\.justice\.gov\.uk\/role-system-manager: "group:default\/team-a" is a group ref, not a user entity ref/,
        ),
      ]),
    );
    // the rest of the entity is there, with its valid role relation and its normal relations
    expect(component.spec?.system).toBe('claims');
    expect(relations(component)).toEqual(
      expect.arrayContaining([
        'hasDrLead user:default/jane.doe',
        'partOf system:default/claims',
        'ownedBy group:default/team-a',
      ]),
    );
    expect(
      relations(component).some(r => r.startsWith('hasSystemManager')),
    ).toBe(false);

    const system = await waitFor('system', 'claims', e => errors(e).length > 0);
    expect(errors(system)).toEqual([
      expect.stringMatching(
        /risk-assessment-date: "2025-06-31" is not a calendar date/,
      ),
    ]);
  });

  it('leaves entities without itsec annotations alone', async () => {
    const plain = await waitFor('component', 'plain', () => true);
    expect(errors(plain)).toEqual([]);
    expect(relations(plain)).toEqual(['ownedBy group:default/team-a']);
  });

  it('ingests CodeOfConnection entities, relates them to the system and reports their problems', async () => {
    const coc = await waitFor(
      'codeofconnection',
      'claims-to-bank',
      // The last to arrive: the owning team's members, on its Group (until
      // then the team is reported as not in the catalog).
      e =>
        relations(e).length > 0 &&
        errors(e).some((m: string) =>
          m.includes('a member of group:default/team-a'),
        ),
    );
    expect(coc.apiVersion).toBe('itsec.justice.gov.uk/v1alpha1');
    expect(relations(coc)).toEqual(
      expect.arrayContaining([
        'connects system:default/claims',
        'ownedBy group:default/team-a',
      ]),
    );
    // Its approvals are checked against the system's role holders, read
    // through the catalog: jane.doe is the IAO, not the Accreditor nor the
    // ITSO, and a member of team-a, which owns the system.
    expect(errors(coc)).toEqual([
      expect.stringMatching(
        /spec\.reviewDate: "2024-01-15" is not after spec\.agreedDate "2025-01-15"/,
      ),
      'codeofconnection:default/claims-to-bank spec.approvals.accreditor.by: the Accreditor approval is by user:default/jane.doe, who is not the system\u2019s Accreditor (none named), so it does not count for POL.ITSEC.028',
      'codeofconnection:default/claims-to-bank spec.approvals.itso.by: the ITSO approval is by user:default/jane.doe, who is neither a member of the ITSO group nor the ITSO declared on the Domain (none named), so it does not count for POL.ITSEC.028',
      'codeofconnection:default/claims-to-bank spec.approvals.iao.by: the Information Asset Owner approval is by user:default/jane.doe, a member of group:default/team-a (the owner of system:default/claims) and not independent of the team, so it does not count for POL.ITSEC.028',
    ]);
  });

  it('reports a CodeOfConnection owned by another team once its system is in the catalog', async () => {
    const coc = await waitFor(
      'codeofconnection',
      'claims-to-printer',
      e => errors(e).length > 0,
    );
    expect(errors(coc)).toEqual([
      'codeofconnection:default/claims-to-printer spec.owner: "group:default/team-b" is neither the owner of system:default/claims (group:default/team-a) nor the ITSO group (group:default/itso); a Code of Connection belongs to the system\u2019s owner or the ITSO, so it does not count for system:default/claims',
    ]);
    // A system that does not exist (yet) is not an error: it is checked when it appears.
    const ghost = await waitFor(
      'codeofconnection',
      'ghost-to-printer',
      () => true,
    );
    expect(errors(ghost)).toEqual([]);
  });

  it('refuses a business-group SIRO on a Component', async () => {
    const component = await waitFor(
      'component',
      'claims-api',
      e => errors(e).length > 2,
    );
    expect(errors(component)).toContain(
      'itsec.justice.gov.uk/role-business-siro: "sam.siro" is set on a Component; it may only be set on a System or Domain (the SIRO who approves exceptions is the Domain\u2019s, else the System\u2019s, never one named by the team that owns a Component, API or Resource), so it is not used',
    );
    expect(
      relations(component).some(r => r.startsWith('hasBusinessSiro')),
    ).toBe(false);
  });
});
