import type { ChangeEvent, ReactNode } from 'react';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import type { PolicyStatement } from '@internal/plugin-itsec-common';

/** A required select of policy statements, for the attest and exception forms. */
export function PolicyStatementField(props: {
  id: string;
  statements: PolicyStatement[];
  value: string;
  onChange: (e: ChangeEvent<{ value: unknown }>) => void;
  error: boolean;
  helperText?: ReactNode;
}) {
  const { statements, ...fieldProps } = props;
  return (
    <TextField
      {...fieldProps}
      select
      fullWidth
      margin="dense"
      label="Policy statement"
      required
      SelectProps={{
        SelectDisplayProps: { 'aria-label': 'Policy statement' } as any,
      }}
    >
      {statements.map(s => (
        <MenuItem key={s.id} value={s.id}>
          {s.id} {s.title}
        </MenuItem>
      ))}
    </TextField>
  );
}
