import { useState } from 'react';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import FileCopyIcon from '@material-ui/icons/FileCopyOutlined';
import { makeStyles } from '@material-ui/core/styles';
import { ITSEC_ANNOTATION_SPECS } from '@internal/plugin-itsec-common';

const useStyles = makeStyles(theme => ({
  root: {
    position: 'relative',
    background: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: 4,
    margin: theme.spacing(0.5, 0),
  },
  pre: {
    margin: 0,
    padding: theme.spacing(1, 5, 1, 1),
    fontSize: '0.8rem',
    overflowX: 'auto',
    fontFamily: 'monospace',
  },
  copy: { position: 'absolute', top: 2, right: 2 },
}));

/** The catalog-info.yaml snippet that would set an annotation, with an example value. */
export function annotationSnippet(annotation: string): string {
  const spec = ITSEC_ANNOTATION_SPECS.find(s => s.name === annotation);
  const example = spec?.example ?? '…';
  const quoted =
    /^[\w./:@-]+$/.test(example) && !/^(true|false|\d)/.test(example)
      ? example
      : JSON.stringify(example);
  const note = spec?.format === 'boolean' ? '  # "true" or "false"' : '';
  return `metadata:\n  annotations:\n    ${annotation}: ${quoted}${note}`;
}

/** A copy-paste snippet of the annotation that fixes a gap. */
export function AnnotationSnippet(props: { annotation: string }) {
  const classes = useStyles();
  const text = annotationSnippet(props.annotation);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await window.navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // clipboard unavailable (insecure context): the text stays selectable
    }
  };
  return (
    <div className={classes.root}>
      {/* Focusable: a long line scrolls sideways, from the keyboard too (WCAG 2.1.1). */}
      <pre
        className={classes.pre}
        data-testid="annotation-snippet"
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        role="region"
        aria-label={`Annotation to add: ${props.annotation}`}
      >
        {text}
      </pre>
      <Tooltip title={copied ? 'Copied' : 'Copy to clipboard'}>
        <IconButton
          size="small"
          className={classes.copy}
          onClick={copy}
          aria-label={`Copy the ${props.annotation} snippet`}
        >
          <FileCopyIcon fontSize="small" />
        </IconButton>
      </Tooltip>
    </div>
  );
}
