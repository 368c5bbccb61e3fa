import {
  ANNOTATION_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ITSEC_ANNOTATION_PREFIX } from '@internal/plugin-itsec-common';

/**
 * The "Close security gaps" template (examples/templates/close-security-gaps.yaml)
 * under the scaffolder's default mount point.
 */
export const CLOSE_GAPS_TEMPLATE_PATH =
  '/create/templates/default/close-security-gaps';

/**
 * The template's form, pre-filled for an entity's gaps: the entity, the
 * statements, where its catalog-info.yaml is read from (when the catalog read
 * it from a GitHub URL), and the annotations to give, left blank for the team.
 */
export function closeGapsFormData(
  entity: Entity,
  statements: readonly string[],
  annotations: readonly string[],
): Record<string, unknown> {
  const form: Record<string, unknown> = {
    entityRef: stringifyEntityRef(entity),
    statements: [...statements],
    annotations: Object.fromEntries(
      annotations.map(a => [
        a.startsWith(ITSEC_ANNOTATION_PREFIX)
          ? a.slice(ITSEC_ANNOTATION_PREFIX.length)
          : a,
        '',
      ]),
    ),
  };
  const location = entity.metadata.annotations?.[ANNOTATION_LOCATION] ?? '';
  if (location.startsWith('url:')) {
    const url = location.slice('url:'.length);
    form.catalogInfoUrl = url;
    const github = url.match(
      /^https:\/\/github\.com\/([^/]+)\/([^/]+)\/(?:blob|tree)\/[^/]+\/(.+)$/,
    );
    if (github) {
      form.repoUrl = `github.com?owner=${github[1]}&repo=${github[2]}`;
      form.filePath = github[3];
    }
  }
  return form;
}

/** A link from a gap's Fix cell to the template, pre-filled for that gap. */
export function CloseGapsLink(props: {
  statementId: string;
  annotation?: string;
}) {
  const { entity } = useEntity();
  const formData = closeGapsFormData(
    entity,
    [props.statementId],
    props.annotation ? [props.annotation] : [],
  );
  return (
    <Link
      to={`${CLOSE_GAPS_TEMPLATE_PATH}?formData=${encodeURIComponent(
        JSON.stringify(formData),
      )}`}
      aria-label={`Open a pull request closing ${props.statementId}`}
      // A 24px target at least (WCAG 2.5.8).
      style={{ display: 'inline-block', minHeight: 24, lineHeight: '24px' }}
    >
      Open a pull request
    </Link>
  );
}
