import type { FormEvent, ReactNode } from 'react';
import Button, { type ButtonProps } from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';

/**
 * The shell shared by the plugin's form dialogs: title, an introduction, the
 * backend's error (if any), the fields, and Cancel / submit buttons that are
 * disabled while saving.
 */
export function FormDialog(props: {
  open: boolean;
  onClose: () => void;
  onSubmit: (e: FormEvent) => void;
  /** Id of the title element, used as the dialog's accessible name. */
  titleId: string;
  title: ReactNode;
  /** Shown above the error and the fields. */
  intro?: ReactNode;
  serverError?: string;
  saving: boolean;
  submitLabel: ReactNode;
  submitColor?: ButtonProps['color'];
  children: ReactNode;
}) {
  const { open, onClose, titleId, saving, serverError } = props;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby={titleId}
    >
      <form onSubmit={props.onSubmit} noValidate>
        <DialogTitle id={titleId}>{props.title}</DialogTitle>
        <DialogContent>
          {props.intro}
          {serverError && (
            <Alert severity="error" role="alert" style={{ marginBottom: 8 }}>
              {serverError}
            </Alert>
          )}
          {props.children}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={saving}>
            Cancel
          </Button>
          <Button
            type="submit"
            color={props.submitColor ?? 'primary'}
            variant="contained"
            disabled={saving}
          >
            {props.submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
