import { useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { makeStyles } from '@material-ui/core/styles';
import {
  CLASSIFICATION_MARKINGS,
  PolicyCatalogue,
  PortfolioFilter,
  SCORED_KINDS,
  STATEMENT_STATUSES,
} from '@internal/plugin-itsec-common';
import { STATUS_LABELS } from '../common';
import { ArrayFilterKey, setArrayFilter, shortRef } from './urlState';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
    gap: theme.spacing(1.5),
    alignItems: 'start',
    // On the page's grey the labels' secondary text falls short of 4.5:1.
    background: theme.palette.background.paper,
    padding: theme.spacing(1.5),
    borderRadius: theme.shape.borderRadius,
  },
}));

export const KIND_OPTIONS: string[] = [...SCORED_KINDS];
export const CLASSIFICATION_OPTIONS: string[] = [
  ...CLASSIFICATION_MARKINGS,
  'none',
];

interface FilterSpec {
  key: ArrayFilterKey;
  label: string;
  options: string[];
  freeSolo?: boolean;
  optionLabel?: (value: string) => string;
}

function MultiFilter(props: {
  spec: FilterSpec;
  value: string[];
  onChange: (values: string[]) => void;
}) {
  const { spec, value, onChange } = props;
  const options = Array.from(new Set([...spec.options, ...value]));
  return (
    <Autocomplete
      multiple
      size="small"
      freeSolo={spec.freeSolo}
      options={options}
      value={value}
      getOptionLabel={o => spec.optionLabel?.(o) ?? o}
      onChange={(_e, v) =>
        onChange((v as string[]).map(s => s.trim()).filter(Boolean))
      }
      renderTags={(tags, getTagProps) =>
        tags.map((tag, index) => (
          <Chip
            size="small"
            label={spec.optionLabel?.(tag) ?? tag}
            {...getTagProps({ index })}
          />
        ))
      }
      renderInput={params => (
        <TextField
          {...params}
          variant="outlined"
          label={spec.label}
          inputProps={{
            ...params.inputProps,
            'aria-label': `Filter by ${spec.label.toLocaleLowerCase('en-GB')}`,
          }}
        />
      )}
    />
  );
}

/** Search box that writes to the URL after a short pause. */
function SearchBox(props: { value?: string; onChange: (q?: string) => void }) {
  const { value, onChange } = props;
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  useEffect(() => {
    if ((value ?? '') === text) return undefined;
    const timer = setTimeout(() => onChange(text.trim() || undefined), 350);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <TextField
      size="small"
      variant="outlined"
      label="Search"
      placeholder="Name or entity ref"
      value={text}
      onChange={e => setText(e.target.value)}
      inputProps={{ 'aria-label': 'Search entities', type: 'search' }}
    />
  );
}

/** The portfolio filters; every value lives in the URL. */
export function PortfolioFilters(props: {
  filter: PortfolioFilter;
  policy: PolicyCatalogue;
  owners: string[];
  systems: string[];
  domains: string[];
  /** The statements offered: the lens's. */
  statementIds: string[];
  onChange: (filter: PortfolioFilter) => void;
}) {
  const { filter, policy, owners, systems, domains, statementIds, onChange } =
    props;
  const classes = useStyles();
  const titles = new Map(policy.statements.map(s => [s.id, s.title]));
  const specs: FilterSpec[] = [
    {
      key: 'owner',
      label: 'Owner',
      options: owners,
      freeSolo: true,
      optionLabel: shortRef,
    },
    {
      key: 'system',
      label: 'System',
      options: systems,
      freeSolo: true,
      optionLabel: shortRef,
    },
    {
      key: 'domain',
      label: 'Domain',
      options: domains,
      freeSolo: true,
      optionLabel: shortRef,
    },
    { key: 'kind', label: 'Kind', options: KIND_OPTIONS },
    {
      key: 'classification',
      label: 'Classification',
      options: CLASSIFICATION_OPTIONS,
    },
    {
      key: 'statement',
      label: 'Statement',
      options: statementIds,
      optionLabel: id => `${id} ${titles.get(id) ?? ''}`.trim(),
    },
    {
      key: 'status',
      label: 'Status',
      options: [...STATEMENT_STATUSES],
      optionLabel: s => STATUS_LABELS[s as keyof typeof STATUS_LABELS] ?? s,
    },
  ];
  const active =
    Object.keys(filter).filter(k => k !== 'q').length > 0 || !!filter.q;
  return (
    <Box>
      <div
        className={classes.root}
        role="search"
        aria-label="Portfolio filters"
      >
        <SearchBox
          value={filter.q}
          onChange={q => onChange({ ...filter, q })}
        />
        {specs.map(spec => (
          <MultiFilter
            key={spec.key}
            spec={spec}
            value={(filter[spec.key] as string[] | undefined) ?? []}
            onChange={values =>
              onChange(setArrayFilter(filter, spec.key, values))
            }
          />
        ))}
      </div>
      {active && (
        <Box mt={1}>
          <Button size="small" onClick={() => onChange({})}>
            Clear all filters
          </Button>
        </Box>
      )}
    </Box>
  );
}
