import { useApi } from '@backstage/core-plugin-api';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  acknowledgesRoles,
  isIsoDate,
  type AttestationRecord,
  type PolicyStatement,
} from '@internal/plugin-itsec-common';
import { itsecApiRef, type ItsecWritten } from '../../api';
import {
  FieldErrors,
  FormDialog,
  isHttpUrl,
  latestDate,
  PolicyStatementField,
  todayIso,
  useDialogForm,
  useIdempotencyKey,
} from '../common';

interface Values {
  statementId: string;
  evidenceLink: string;
  statement: string;
  validUntil: string;
}

/**
 * Client-side validation of the attestation form; the backend checks again.
 * `validity` is the chosen statement's validity period (e.g. P12M): the
 * review date may not be later than that from today.
 */
export function validateAttestation(
  values: Values,
  today = todayIso(),
  validity?: string,
): FieldErrors<Values> {
  const errors: FieldErrors<Values> = {};
  if (!values.statementId) {
    errors.statementId = 'Choose the policy statement you are attesting to.';
  }
  const link = values.evidenceLink.trim();
  if (!link) {
    errors.evidenceLink = 'Enter a link to the evidence.';
  } else if (!isHttpUrl(link)) {
    errors.evidenceLink =
      'The evidence link must be a full web address starting with https:// or http://.';
  }
  const text = values.statement.trim();
  if (!text) {
    errors.statement = 'Say what you checked.';
  } else if (text.length < 10) {
    errors.statement = 'Say what you checked in at least 10 characters.';
  }
  if (values.validUntil) {
    if (!isIsoDate(values.validUntil)) {
      errors.validUntil = 'Enter the review date as YYYY-MM-DD.';
    } else if (values.validUntil <= today) {
      errors.validUntil = 'The review date must be after today.';
    } else {
      const latest = latestDate(today, validity);
      if (latest && values.validUntil > latest.date) {
        errors.validUntil = `The policy asks for a review within ${latest.human}: choose ${latest.date} or earlier.`;
      }
    }
  }
  return errors;
}

/**
 * Records an attestation that one statement is met for one entity, with an
 * evidence link and an optional review date.
 */
export function AttestDialog(props: {
  open: boolean;
  entityRef: string;
  /** The attestation statements offered. */
  statements: PolicyStatement[];
  statementId?: string;
  onClose: () => void;
  onSaved: (record: ItsecWritten<AttestationRecord>) => void;
}) {
  const { open, entityRef, statements, statementId, onClose, onSaved } = props;
  const api = useApi(itsecApiRef);
  const idempotencyKey = useIdempotencyKey(open);
  const validityOf = (id: string) =>
    statements.find(s => s.id === id)?.validity ?? 'P12M';
  const { values, field, onSubmit, saving, serverError } =
    useDialogForm<Values>({
      open,
      initialValues: {
        statementId: statementId ?? '',
        evidenceLink: '',
        statement: '',
        validUntil: '',
      },
      validate: v =>
        validateAttestation(v, todayIso(), validityOf(v.statementId)),
      save: async v => {
        const record = await api.createAttestation(
          {
            entityRef,
            statementId: v.statementId,
            evidenceLink: v.evidenceLink.trim(),
            statement: v.statement.trim(),
            ...(v.validUntil ? { validUntil: v.validUntil } : {}),
          },
          { idempotencyKey },
        );
        onSaved(record);
      },
    });
  const chosen = statements.find(s => s.id === values.statementId);

  return (
    <FormDialog
      open={open}
      onClose={onClose}
      onSubmit={onSubmit}
      titleId="itsec-attest-title"
      title="Record an attestation"
      intro={
        chosen && acknowledgesRoles(chosen) ? (
          <Typography variant="body2" gutterBottom>
            You acknowledge the responsibilities of the security role you hold
            for <strong>{entityRef}</strong>. It counts for you alone: every
            role holder acknowledges their own role.
          </Typography>
        ) : (
          <Typography variant="body2" gutterBottom>
            You attest that the statement is met for{' '}
            <strong>{entityRef}</strong>, and link the evidence a reviewer can
            check.
          </Typography>
        )
      }
      serverError={serverError}
      saving={saving}
      submitLabel={saving ? 'Saving…' : 'Record attestation'}
    >
      <PolicyStatementField
        id="itsec-attest-statement"
        statements={statements}
        {...field('statementId', chosen?.evidence)}
      />
      <TextField
        id="itsec-attest-evidence-link"
        fullWidth
        margin="dense"
        label="Evidence link"
        placeholder="https://…"
        {...field('evidenceLink', 'Where the evidence is kept')}
        required
        type="url"
      />
      <TextField
        id="itsec-attest-what-checked"
        fullWidth
        margin="dense"
        label="What you checked"
        {...field('statement', 'In your own words, what you checked and found')}
        required
        multiline
        minRows={3}
      />
      <TextField
        id="itsec-attest-valid-until"
        fullWidth
        margin="dense"
        label="Review by (optional)"
        type="date"
        InputLabelProps={{ shrink: true }}
        {...field(
          'validUntil',
          `Defaults to the statement's review period${
            chosen?.validity
              ? ` (${chosen.validity.replace(/^P/, '').toLowerCase()})`
              : ''
          } from today`,
        )}
      />
    </FormDialog>
  );
}
