import { useApi } from '@backstage/core-plugin-api';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type { ExceptionRecord } from '@internal/plugin-itsec-common';
import { ExceptionDecision, itsecApiRef } from '../../api';
import { FormDialog, useDialogForm } from '../common';

const TITLES: Record<ExceptionDecision, string> = {
  approve: 'Approve exception',
  reject: 'Reject exception',
  revoke: 'Revoke exception',
};

/** The SIRO's decision on an exception, with a comment (required to reject or revoke). */
export function ExceptionDecisionDialog(props: {
  exception?: ExceptionRecord;
  decision?: ExceptionDecision;
  onClose: () => void;
  onSaved: (record: ExceptionRecord) => void;
}) {
  const { exception, decision, onClose, onSaved } = props;
  const api = useApi(itsecApiRef);
  const open = !!exception && !!decision;
  const commentRequired = decision === 'reject' || decision === 'revoke';
  const { field, onSubmit, saving, serverError } = useDialogForm({
    open,
    initialValues: { comment: '' },
    validate: ({ comment }) =>
      commentRequired && !comment.trim()
        ? { comment: `Say why you ${decision} this exception.` }
        : {},
    save: async ({ comment }) => {
      // The dialog is only open with both set.
      if (!exception || !decision) return;
      const record = await api.decideException(exception.id, decision, {
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      onSaved(record);
    },
  });

  return (
    <FormDialog
      open={open}
      onClose={onClose}
      onSubmit={onSubmit}
      titleId="itsec-decision-title"
      title={decision ? TITLES[decision] : ''}
      intro={
        exception && (
          <Typography variant="body2" gutterBottom>
            {exception.statementId} for {exception.entityRef}, requested by{' '}
            {exception.requestedBy}, ending {exception.expiresOn}.
          </Typography>
        )
      }
      serverError={serverError}
      saving={saving}
      submitLabel={decision ? TITLES[decision].split(' ')[0] : ''}
      submitColor={decision === 'approve' ? 'primary' : 'secondary'}
    >
      <TextField
        id="itsec-decision-comment"
        fullWidth
        margin="dense"
        label={commentRequired ? 'Reason' : 'Comment (optional)'}
        {...field('comment')}
        required={commentRequired}
        multiline
        minRows={2}
      />
    </FormDialog>
  );
}
