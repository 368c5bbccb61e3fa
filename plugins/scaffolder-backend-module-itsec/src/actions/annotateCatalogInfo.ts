import fs from 'node:fs/promises';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  CatalogInfoEditError,
  editCatalogInfoAnnotations,
  isoDay,
  mojIctSecurityPolicy,
  PolicyCatalogue,
} from '@internal/plugin-itsec-common';
import { pullRequestBody } from './pullRequestBody';

/** The action's id, as templates name it. */
export const ANNOTATE_ACTION_ID = 'itsec:catalog-info:annotate';

/**
 * `itsec:catalog-info:annotate`: sets or updates itsec annotations on one
 * entity of a catalog-info.yaml in the workspace, changing nothing else.
 * Values left blank in the form are skipped (the team had none to give).
 *
 * @public
 */
export function createAnnotateCatalogInfoAction(
  options: { now?: () => Date; policy?: PolicyCatalogue } = {},
) {
  const now = options.now ?? (() => new Date());
  const policy = options.policy ?? mojIctSecurityPolicy;
  return createTemplateAction({
    id: ANNOTATE_ACTION_ID,
    description:
      'Sets or updates itsec.justice.gov.uk/ annotations on one entity of a catalog-info.yaml in the workspace; comments, key order, quoting and the other documents are kept. Values are validated as the catalog does.',
    examples: [
      {
        description: 'Record a disaster recovery test',
        example: [
          'steps:',
          '  - id: annotate',
          '    action: itsec:catalog-info:annotate',
          '    input:',
          '      entity: component:default/payments',
          '      annotations:',
          "        dr-plan-last-test: '2026-11-02 pass'",
          '',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        path: z =>
          z
            .string()
            .default('catalog-info.yaml')
            .describe('The file, relative to the workspace'),
        entity: z =>
          z
            .string()
            .min(1)
            .describe(
              "The entity's name or ref (component:default/payments) in the file",
            ),
        kind: z =>
          z
            .string()
            .optional()
            .describe('The entity kind, when the name alone is ambiguous'),
        annotations: z =>
          z
            .record(z.string(), z.string().nullable().optional())
            .describe(
              'Values by annotation short key (dr-plan-last-test) or full name; blank values are skipped',
            ),
        statements: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'The policy statements (POL.ITSEC.043) the change addresses, for the pull request body',
            ),
      },
      output: {
        path: z => z.string().describe('The file edited, workspace-relative'),
        added: z => z.array(z.string()).describe('Annotations added'),
        updated: z => z.array(z.string()).describe('Annotations changed'),
        unchanged: z =>
          z.array(z.string()).describe('Annotations that had the value'),
        skipped: z =>
          z.array(z.string()).describe('Annotations left blank, not set'),
        pullRequestBody: z =>
          z
            .string()
            .describe(
              'Markdown: the statements addressed and what the reviewer must check',
            ),
      },
    },
    supportsDryRun: true,
    async handler(ctx) {
      const input = ctx.input;
      const relative = input.path ?? 'catalog-info.yaml';
      let file: string;
      try {
        file = resolveSafeChildPath(ctx.workspacePath, relative);
      } catch {
        throw new InputError(
          `path: ${relative} is outside the workspace; give a path inside it`,
        );
      }
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new NotFoundError(
            `path: ${relative} is not in the workspace (did the fetch step check out the repository?)`,
          );
        }
        throw e;
      }
      const values: Record<string, string> = {};
      const skipped: string[] = [];
      for (const [key, value] of Object.entries(input.annotations ?? {})) {
        if (value === null || value === undefined || value.trim() === '')
          skipped.push(key);
        else values[key] = value;
      }
      if (Object.keys(values).length === 0) {
        throw new InputError(
          `annotations: no value given (left blank: ${
            skipped.join(', ') || 'none'
          }); fill in at least one`,
        );
      }
      let result;
      try {
        result = editCatalogInfoAnnotations(text, {
          entity: input.entity,
          kind: input.kind,
          annotations: values,
          asOf: isoDay(now()),
        });
      } catch (e) {
        if (e instanceof CatalogInfoEditError)
          throw new InputError(`${relative}: ${e.message}`);
        throw e;
      }
      const ref = `${result.entity.kind.toLocaleLowerCase('en-US')}:${
        result.entity.namespace
      }/${result.entity.name}`;
      const body = pullRequestBody({
        entityRef: ref,
        path: relative,
        statements: input.statements ?? [],
        policy,
        set: [...result.added, ...result.updated, ...result.unchanged].map(
          name => ({ name, value: valueOf(values, name) }),
        ),
      });
      if (result.text !== text) await fs.writeFile(file, result.text, 'utf8');
      for (const name of result.added) ctx.logger.info(`added ${name}`);
      for (const name of result.updated) ctx.logger.info(`updated ${name}`);
      ctx.output('path', relative);
      ctx.output('added', result.added);
      ctx.output('updated', result.updated);
      ctx.output('unchanged', result.unchanged);
      ctx.output('skipped', skipped);
      ctx.output('pullRequestBody', body);
    },
  });
}

/** The value given for a full annotation name (given by short key or full name). */
function valueOf(values: Record<string, string>, name: string): string {
  const short = name.slice(name.indexOf('/') + 1);
  return (values[name] ?? values[short] ?? '').trim();
}
