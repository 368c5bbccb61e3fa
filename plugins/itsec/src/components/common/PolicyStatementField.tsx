import type { ChangeEvent, ReactNode } from 'react';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import type { PolicyStatement } from '@internal/plugin-itsec-common';

/**
 * A required select of policy statements, for the attest and exception forms.
 * Named by its label and the chosen statement (as MUI wires it), so the name
 * includes the visible text (WCAG 2.5.3).
 */
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
    >
      {statements.map(s => (
        <MenuItem key={s.id} value={s.id}>
          {s.id} {s.title}
        </MenuItem>
      ))}
    </TextField>
  );
}
