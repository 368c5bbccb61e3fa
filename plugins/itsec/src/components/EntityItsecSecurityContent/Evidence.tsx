import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import type {
  EvidenceItem,
  ProfileSource,
} from '@internal/plugin-itsec-common';

const ENTITY_REF = /^[a-z0-9-]+:[^/\s]+\/[^/\s]+$/i;

export function looksLikeEntityRef(value: string): boolean {
  return ENTITY_REF.test(value);
}

/** "inherited from <entity>" for an inherited value; nothing for an own one. */
export function InheritedFrom(props: { source?: ProfileSource }) {
  const { source } = props;
  if (!source?.inherited) return null;
  return (
    <Typography
      variant="caption"
      color="textSecondary"
      component="span"
      display="block"
    >
      inherited from{' '}
      {source.from ? <EntityRefLink entityRef={source.from} /> : 'an ancestor'}
    </Typography>
  );
}

/** The evidence the engine used for one statement, with links and origin. */
export function EvidenceList(props: { evidence: readonly EvidenceItem[] }) {
  if (props.evidence.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        None recorded
      </Typography>
    );
  }
  return (
    <ul style={{ margin: 0, paddingLeft: 16 }}>
      {props.evidence.map((item, i) => (
        <li key={`${item.kind}-${i}`}>
          <Typography variant="body2" component="span">
            {item.link ? <Link to={item.link}>{item.label}</Link> : item.label}
            {item.date ? ` (${item.date})` : ''}
          </Typography>
          <InheritedFrom source={item.source} />
        </li>
      ))}
    </ul>
  );
}
