/*
 * Type-level checks (run by tsc, not jest): the wire types in
 * @internal/plugin-itsec-common, which the frontend client and the CLI use,
 * agree with the shapes openapi.yaml gives. A change to either that makes
 * them disagree fails the type check here.
 *
 * "Sent" checks: a value of the wire type fits the spec (what the backend
 * sends or a client posts). "Read" checks: a value of the spec's shape fits
 * the wire type (what a client reads), for the schemas the spec describes in
 * full (the scorecard's evaluation and profile and the policy's statements
 * are free-form objects in the spec).
 */
import type {
  AttestationRecord,
  AuditEntry,
  AuditPage,
  CreateAttestationRequest,
  CreateExceptionRequest,
  ExceptionDecisionRequest,
  ExceptionRecord,
  History,
  MyScorecard,
  MyTask,
  PolicyCatalogue,
  PortfolioGroups,
  PortfolioLenses,
  PortfolioPage,
  PortfolioRow,
  PortfolioSummary,
  Scorecard,
  StatusCounts,
} from '@internal/plugin-itsec-common';
import type { ItsecRequestBody, ItsecSchema } from './types';

type Assignable<From, To> = [From] extends [To] ? true : false;
type Expect<T extends true> = T;

/** Wire types that fit the spec. */
export type WireTypesSent = [
  Expect<Assignable<StatusCounts, ItsecSchema<'StatusCounts'>>>,
  Expect<Assignable<PolicyCatalogue, ItsecSchema<'PolicyCatalogue'>>>,
  Expect<Assignable<Scorecard, ItsecSchema<'Scorecard'>>>,
  Expect<Assignable<PortfolioRow, ItsecSchema<'PortfolioRow'>>>,
  Expect<Assignable<PortfolioPage, ItsecSchema<'PortfolioPage'>>>,
  Expect<Assignable<PortfolioSummary, ItsecSchema<'PortfolioSummary'>>>,
  Expect<Assignable<PortfolioGroups, ItsecSchema<'PortfolioGroups'>>>,
  Expect<Assignable<PortfolioLenses, ItsecSchema<'PortfolioLenses'>>>,
  Expect<Assignable<History, ItsecSchema<'History'>>>,
  Expect<Assignable<AttestationRecord, ItsecSchema<'AttestationRecord'>>>,
  Expect<Assignable<ExceptionRecord, ItsecSchema<'ExceptionRecord'>>>,
  Expect<Assignable<AuditEntry, ItsecSchema<'AuditEntry'>>>,
  Expect<Assignable<AuditPage, ItsecSchema<'AuditPage'>>>,
  Expect<Assignable<MyScorecard, ItsecSchema<'MyScorecard'>>>,
  Expect<Assignable<MyTask, ItsecSchema<'MyTask'>>>,
  Expect<
    Assignable<
      CreateAttestationRequest,
      ItsecRequestBody<'/attestations', 'post'>
    >
  >,
  Expect<
    Assignable<CreateExceptionRequest, ItsecRequestBody<'/exceptions', 'post'>>
  >,
  Expect<
    Assignable<
      ExceptionDecisionRequest,
      ItsecRequestBody<'/exceptions/{id}/{decision}', 'post'>
    >
  >,
];

/** Spec shapes that fit the wire types. */
export type WireTypesRead = [
  Expect<Assignable<ItsecSchema<'StatusCounts'>, StatusCounts>>,
  Expect<Assignable<ItsecSchema<'History'>, History>>,
  Expect<Assignable<ItsecSchema<'PortfolioGroups'>, PortfolioGroups>>,
  Expect<Assignable<ItsecSchema<'PortfolioLenses'>, PortfolioLenses>>,
  Expect<Assignable<ItsecSchema<'AttestationRecord'>, AttestationRecord>>,
  Expect<Assignable<ItsecSchema<'ExceptionRecord'>, ExceptionRecord>>,
  Expect<Assignable<ItsecSchema<'AuditEntry'>, AuditEntry>>,
  Expect<Assignable<ItsecSchema<'AuditPage'>, AuditPage>>,
  Expect<
    Assignable<
      ItsecRequestBody<'/attestations', 'post'>,
      CreateAttestationRequest
    >
  >,
  Expect<
    Assignable<ItsecRequestBody<'/exceptions', 'post'>, CreateExceptionRequest>
  >,
];
