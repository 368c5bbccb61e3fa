import {
  useEffect,
  useRef,
  useState,
  type ChangeEvent,
  type FormEvent,
} from 'react';
import { errorMessage } from './errors';

/** A message per invalid field; no key means the field is valid. */
export type FieldErrors<V> = Partial<Record<keyof V, string>>;

/**
 * The state of a form dialog whose fields are all strings: values, validation
 * messages (shown only after the first submit), saving and the backend's error.
 *
 * The form resets to `initialValues` each time the dialog opens, and when the
 * initial values change while it is open.
 */
export function useDialogForm<V extends { [K in keyof V]: string }>(options: {
  open: boolean;
  initialValues: V;
  validate: (values: V) => FieldErrors<V>;
  /** Saves valid values; a rejection is shown as the backend's error. */
  save: (values: V) => Promise<void>;
}) {
  const { open, initialValues, validate, save } = options;
  const [values, setValues] = useState<V>(initialValues);
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string>();

  // The caller builds initialValues afresh each render, so compare by content.
  const initialKey = JSON.stringify(initialValues);
  const initialRef = useRef(initialValues);
  initialRef.current = initialValues;
  useEffect(() => {
    if (open) {
      setValues(initialRef.current);
      setSubmitted(false);
      setServerError(undefined);
    }
  }, [open, initialKey]);

  const errors = validate(values);
  const shownErrors: FieldErrors<V> = submitted ? errors : {};

  /** The value, change handler and validation state of one field. */
  const field = (key: keyof V, hint?: string) => ({
    value: values[key],
    onChange: (e: ChangeEvent<{ value: unknown }>) =>
      setValues(v => ({ ...v, [key]: String(e.target.value) })),
    error: !!shownErrors[key],
    helperText: shownErrors[key] ?? hint,
  });

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setServerError(undefined);
    if (Object.keys(errors).length > 0) return;
    setSaving(true);
    try {
      await save(values);
    } catch (err) {
      setServerError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return { values, field, onSubmit, saving, serverError };
}
