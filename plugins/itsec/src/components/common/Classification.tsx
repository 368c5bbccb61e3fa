import Chip from '@material-ui/core/Chip';
import LockIcon from '@material-ui/icons/Lock';
import type { SecurityProfile } from '@internal/plugin-itsec-common';

/** The classification as written in catalog-info (OFFICIAL-SENSITIVE included). */
export function classificationText(
  profile?: Pick<SecurityProfile, 'classification' | 'sensitive'>,
): string | undefined {
  if (!profile?.classification) return undefined;
  return profile.classification === 'OFFICIAL' && profile.sensitive
    ? 'OFFICIAL-SENSITIVE'
    : profile.classification;
}

export function ClassificationChip(props: {
  profile?: Pick<SecurityProfile, 'classification' | 'sensitive'>;
  classification?: string;
}) {
  const text = props.classification ?? classificationText(props.profile);
  return (
    <Chip
      size="small"
      icon={<LockIcon />}
      variant="outlined"
      label={text ?? 'Not classified'}
      color={text ? 'default' : 'secondary'}
      aria-label={text ? `Classification ${text}` : 'No classification (a gap)'}
    />
  );
}
