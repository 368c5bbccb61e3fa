import { checkDocument, duplicateProblems, FoundEntity } from './check';
import { displayPath, expandInputs, Problem, readYamlFile } from './inputs';
import {
  Organisation,
  accreditorProblems,
  connectionProblems,
  organisationOf,
  profilesOf,
} from './organisation';

/** Everything found in the inputs. */
export interface ScanResult {
  files: string[];
  entities: FoundEntity[];
  problems: Problem[];
  /** The ITSO group and its members as the inputs tell. */
  organisation: Organisation;
}

/** Options for {@link scan}. */
export interface ScanOptions {
  /** The evaluation date: dates on which something happened may not be later. */
  asOf: string;
  /** The ITSO group; default group:default/itso. */
  itsoGroup?: string;
}

/**
 * Reads and checks every catalog file under `inputs`: each entity on its own,
 * then the Codes of Connection against the systems they name.
 *
 * @throws UnreadableInputError when an input cannot be read
 */
export async function scan(
  inputs: readonly string[],
  cwd: string,
  options: ScanOptions,
): Promise<ScanResult> {
  const files = expandInputs(inputs, cwd);
  const entities: FoundEntity[] = [];
  const problems: Problem[] = [];
  for (const abs of files) {
    const file = displayPath(abs, cwd);
    const { documents, problems: yamlProblems } = readYamlFile(abs, file);
    problems.push(...yamlProblems);
    for (const doc of documents) {
      try {
        const { problems: docProblems, entity } = await checkDocument(doc, {
          asOf: options.asOf,
        });
        problems.push(...docProblems);
        if (entity) entities.push(entity);
      } catch (e) {
        // Belt and braces: nothing in a catalog file may crash the CLI.
        problems.push({
          file,
          line: doc.line,
          message: `could not check this document: ${
            (e as Error)?.message ?? e
          }`,
          rule: 'catalog-rejects',
        });
      }
    }
  }
  problems.push(...duplicateProblems(entities));
  const organisation = organisationOf(entities, options.itsoGroup);
  const profiles = profilesOf(entities, organisation);
  for (const p of connectionProblems(entities, organisation, profiles))
    problems.push({ rule: 'code-of-connection-not-counted', ...p });
  problems.push(...accreditorProblems(entities, profiles));
  problems.sort((a, b) => {
    if (a.file !== b.file) return a.file < b.file ? -1 : 1;
    return a.line - b.line;
  });
  return {
    files: files.map(f => displayPath(f, cwd)),
    entities,
    problems,
    organisation,
  };
}
