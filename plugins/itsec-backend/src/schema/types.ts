/*
 * Types of the HTTP contract, all derived from openapi.yaml (through the
 * generated `spec` literal) by @backstage/backend-openapi-utils and
 * json-schema-to-ts.
 */
import type { ApiRouter, internal } from '@backstage/backend-openapi-utils';
import type { RequestHandler } from 'express';
import type { spec } from './openapi.generated';

/** The itsec OpenAPI document, as a type. */
export type ItsecSpec = typeof spec;

type Paths = ItsecSpec['paths'];

/** A path template of the spec, e.g. `/exceptions/{id}/{decision}`. */
export type ItsecPath = Extract<keyof Paths, string>;

/** The express router typed by the spec. */
export type ItsecApiRouter = ApiRouter<ItsecSpec>;

/**
 * A spec type without the `[x: string]: unknown` that json-schema-to-ts adds
 * to every object whose schema does not forbid other properties: the known
 * properties are checked, and records typed as interfaces (which have no
 * index signature) fit.
 */
export type KnownProperties<T> = T extends readonly (infer U)[]
  ? KnownProperties<U>[]
  : T extends object
  ? { [K in keyof T as string extends K ? never : K]: KnownProperties<T[K]> }
  : T;

/** The JSON bodies an operation answers with (every status code). */
export type ItsecResponse<
  P extends ItsecPath,
  M extends keyof Paths[P],
> = KnownProperties<internal.ResponseBodyToJsonSchema<ItsecSpec, P, M>>;

/** The JSON body an operation takes. */
export type ItsecRequestBody<
  P extends ItsecPath,
  M extends keyof Paths[P],
> = internal.RequestBodyToJsonSchema<ItsecSpec, P, M>;

/** A component schema of the spec as a type (known properties). */
export type ItsecSchema<Name extends keyof ItsecSpec['components']['schemas']> =
  KnownProperties<
    internal.ToTypeSafe<
      internal.SchemaRef<ItsecSpec, ItsecSpec['components']['schemas'][Name]>
    >
  >;

/**
 * An express handler of one operation, typed by the spec: its path
 * parameters, response, body and query (as the typed router's
 * `DocRequestHandler`, with responses as {@link KnownProperties}).
 */
export type ItsecHandler<
  P extends ItsecPath,
  M extends keyof Paths[P],
> = RequestHandler<
  internal.PathSchema<ItsecSpec, P, M>,
  ItsecResponse<P, M>,
  ItsecRequestBody<P, M>,
  internal.QuerySchema<ItsecSpec, P, M>,
  Record<string, string>
>;
