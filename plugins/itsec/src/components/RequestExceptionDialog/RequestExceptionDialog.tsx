import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  isIsoDate,
  type ExceptionRecord,
  type PolicyStatement,
} from '@internal/plugin-itsec-common';
import { itsecApiRef } from '../../api';
import {
  FieldErrors,
  FormDialog,
  latestDate,
  PolicyStatementField,
  todayIso,
  useDialogForm,
  useIdempotencyKey,
} from '../common';

interface Values {
  statementId: string;
  justification: string;
  compensatingControls: string;
  expiresOn: string;
}

/**
 * Client-side validation of the exception request; the backend checks again.
 * `maxDuration` is the backend's `itsec.exceptions.maxDuration` (e.g. P12M).
 */
export function validateExceptionRequest(
  values: Values,
  today = todayIso(),
  maxDuration?: string,
): FieldErrors<Values> {
  const errors: FieldErrors<Values> = {};
  if (!values.statementId) {
    errors.statementId = 'Choose the policy statement the exception is for.';
  }
  const justification = values.justification.trim();
  if (!justification) {
    errors.justification = 'Explain why the statement cannot be met.';
  } else if (justification.length < 20) {
    errors.justification = 'Explain why in at least 20 characters.';
  }
  if (!values.compensatingControls.trim()) {
    errors.compensatingControls =
      'Describe the compensating controls that reduce the risk meanwhile.';
  }
  if (!values.expiresOn) {
    errors.expiresOn = 'Enter the date the exception should end.';
  } else if (!isIsoDate(values.expiresOn)) {
    errors.expiresOn = 'Enter the end date as YYYY-MM-DD.';
  } else if (values.expiresOn <= today) {
    errors.expiresOn = 'The end date must be after today.';
  } else {
    const latest = latestDate(today, maxDuration);
    if (latest && values.expiresOn > latest.date) {
      errors.expiresOn = `An exception runs at most ${latest.human}: end it on ${latest.date} or earlier.`;
    }
  }
  return errors;
}

/**
 * Requests a policy exception (the policy's Tier 4) for one statement; the
 * business-group SIRO approves or rejects it.
 */
export function RequestExceptionDialog(props: {
  open: boolean;
  entityRef: string;
  statements: PolicyStatement[];
  statementId?: string;
  onClose: () => void;
  onSaved: (record: ExceptionRecord) => void;
}) {
  const { open, entityRef, statements, statementId, onClose, onSaved } = props;
  const api = useApi(itsecApiRef);
  const idempotencyKey = useIdempotencyKey(open);
  // The limit is the backend's; without it the backend still checks.
  const { value: maxDuration } = useAsync(
    async () =>
      open ? (await api.getStatus()).limits.exceptionMaxDuration : undefined,
    [api, open],
  );
  const latest = latestDate(todayIso(), maxDuration);
  const { field, onSubmit, saving, serverError } = useDialogForm<Values>({
    open,
    initialValues: {
      statementId: statementId ?? '',
      justification: '',
      compensatingControls: '',
      expiresOn: '',
    },
    validate: v => validateExceptionRequest(v, todayIso(), maxDuration),
    save: async v => {
      const record = await api.requestException(
        {
          entityRef,
          statementId: v.statementId,
          justification: v.justification.trim(),
          compensatingControls: v.compensatingControls.trim(),
          expiresOn: v.expiresOn,
        },
        { idempotencyKey },
      );
      onSaved(record);
    },
  });

  return (
    <FormDialog
      open={open}
      onClose={onClose}
      onSubmit={onSubmit}
      titleId="itsec-exception-title"
      title="Request an exception"
      intro={
        <Typography variant="body2" gutterBottom>
          An approved exception turns this gap into “excepted” (never “met”)
          until it ends. The business-group SIRO for{' '}
          <strong>{entityRef}</strong> decides.
        </Typography>
      }
      serverError={serverError}
      saving={saving}
      submitLabel={saving ? 'Sending…' : 'Request exception'}
    >
      <PolicyStatementField
        id="itsec-exception-statement"
        statements={statements}
        {...field('statementId')}
      />
      <TextField
        id="itsec-exception-justification"
        fullWidth
        margin="dense"
        label="Justification"
        {...field('justification', 'Why the statement cannot be met now')}
        required
        multiline
        minRows={3}
      />
      <TextField
        id="itsec-exception-compensating-controls"
        fullWidth
        margin="dense"
        label="Compensating controls"
        {...field('compensatingControls', 'What reduces the risk meanwhile')}
        required
        multiline
        minRows={2}
      />
      <TextField
        id="itsec-exception-expires-on"
        fullWidth
        margin="dense"
        label="Ends on"
        type="date"
        InputLabelProps={{ shrink: true }}
        {...field(
          'expiresOn',
          latest
            ? `After this date the gap counts again; at most ${latest.human} (until ${latest.date})`
            : 'After this date the gap counts again',
        )}
        required
      />
    </FormDialog>
  );
}
