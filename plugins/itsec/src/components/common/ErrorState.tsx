import { ResponseErrorPanel } from '@backstage/core-components';

/** Shows a backend (or any) error with its message, never a blank. */
export function ErrorState(props: { error: Error; title?: string }) {
  return <ResponseErrorPanel error={props.error} title={props.title} />;
}

/** True for a 404 from the backend. */
export function isNotFound(error: unknown): boolean {
  const e = error as {
    name?: string;
    statusCode?: number;
    cause?: { name?: string };
  };
  return (
    e?.statusCode === 404 ||
    e?.name === 'NotFoundError' ||
    e?.cause?.name === 'NotFoundError'
  );
}
