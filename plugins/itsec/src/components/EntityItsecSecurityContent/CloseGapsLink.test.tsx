import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { CloseGapsLink, closeGapsFormData } from './CloseGapsLink';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments',
    annotations: {
      'backstage.io/managed-by-location':
        'url:https://github.com/ministryofjustice/payments/blob/main/.backstage/catalog-info.yaml',
    },
  },
  spec: { type: 'service', owner: 'team-a' },
};

describe('closeGapsFormData', () => {
  it('pre-fills the entity, statements, the file it came from and blank values', () => {
    expect(
      closeGapsFormData(
        entity,
        ['POL.ITSEC.043'],
        ['itsec.justice.gov.uk/dr-plan-last-test'],
      ),
    ).toEqual({
      entityRef: 'component:default/payments',
      statements: ['POL.ITSEC.043'],
      annotations: { 'dr-plan-last-test': '' },
      catalogInfoUrl:
        'https://github.com/ministryofjustice/payments/blob/main/.backstage/catalog-info.yaml',
      repoUrl: 'github.com?owner=ministryofjustice&repo=payments',
      filePath: '.backstage/catalog-info.yaml',
    });
  });

  it('leaves the source to the team when the catalog read the entity from a file', () => {
    const form = closeGapsFormData(
      {
        ...entity,
        metadata: {
          name: 'payments',
          annotations: {
            'backstage.io/managed-by-location': 'file:/srv/catalog.yaml',
          },
        },
      },
      ['POL.ITSEC.043'],
      [],
    );
    expect(form).toEqual({
      entityRef: 'component:default/payments',
      statements: ['POL.ITSEC.043'],
      annotations: {},
    });
  });
});

describe('CloseGapsLink', () => {
  it('links to the Close security gaps template with the form pre-filled', async () => {
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <CloseGapsLink
          statementId="POL.ITSEC.043"
          annotation="itsec.justice.gov.uk/dr-plan-last-test"
        />
      </EntityProvider>,
    );
    const link = screen.getByRole('link', {
      name: 'Open a pull request closing POL.ITSEC.043',
    });
    const href = new URL(link.getAttribute('href')!, 'http://localhost');
    expect(href.pathname).toBe('/create/templates/default/close-security-gaps');
    expect(JSON.parse(href.searchParams.get('formData')!)).toEqual(
      closeGapsFormData(
        entity,
        ['POL.ITSEC.043'],
        ['itsec.justice.gov.uk/dr-plan-last-test'],
      ),
    );
  });
});
