import type { ReactNode } from 'react';
import { Progress } from '@backstage/core-components';
import { ErrorState } from './ErrorState';

/**
 * Progress, error and value of one async load, each shown while present (a
 * reload keeps the last value on screen beside the progress bar).
 */
export function AsyncContent<T>(props: {
  state: { loading: boolean; error?: Error; value?: T };
  errorTitle: string;
  children: (value: T) => ReactNode;
}) {
  const { state, errorTitle, children } = props;
  return (
    <>
      {state.loading && <Progress />}
      {state.error && <ErrorState error={state.error} title={errorTitle} />}
      {state.value && children(state.value)}
    </>
  );
}
