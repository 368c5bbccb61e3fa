import { InputError } from '@backstage/errors';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

interface SpecLike {
  paths: Readonly<Record<string, unknown>>;
  components: { schemas?: Readonly<Record<string, unknown>> };
}

type Schema = {
  $ref?: string;
  properties?: Readonly<Record<string, unknown>>;
  additionalProperties?: unknown;
};

/** The schema of an operation's JSON body, its `$ref` followed. */
function bodySchema(spec: SpecLike, operation: any): Schema | undefined {
  const schema: Schema | undefined =
    operation?.requestBody?.content?.['application/json']?.schema;
  const name = schema?.$ref?.replace('#/components/schemas/', '');
  return name ? (spec.components.schemas?.[name] as Schema) : schema;
}

/**
 * A middleware that answers a body with fields its operation's schema does
 * not allow (`additionalProperties: false`) with a 400 naming them and the
 * allowed ones. The OpenAPI validator rejects such bodies too, but its
 * message ("must NOT have additional properties") does not say which field.
 */
export function rejectUnknownBodyFields(spec: SpecLike): RequestHandler {
  const rules: Array<{ method: string; path: RegExp; allowed: string[] }> = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item as object)) {
      const schema = bodySchema(spec, operation);
      if (schema?.additionalProperties !== false) continue;
      const path = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}/?$`);
      rules.push({
        method: method.toUpperCase(),
        path,
        allowed: Object.keys(schema.properties ?? {}),
      });
    }
  }
  return (req: Request, _res: Response, next: NextFunction) => {
    const body = req.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      next();
      return;
    }
    const rule = rules.find(
      r => r.method === req.method && r.path.test(req.path),
    );
    const unknown = rule
      ? Object.keys(body).filter(k => !rule.allowed.includes(k))
      : [];
    if (!rule || unknown.length === 0) {
      next();
      return;
    }
    next(
      new InputError(
        `${unknown.join(', ')}: unknown field${
          unknown.length > 1 ? 's' : ''
        }; ${
          rule.allowed.length
            ? `allowed: ${rule.allowed.join(', ')}`
            : 'the body must be empty'
        }`,
      ),
    );
  };
}
