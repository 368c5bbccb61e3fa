/*
 * A small JSON-to-YAML writer for openapi.yaml: block style, keys in
 * insertion order, strings quoted (as prettier would) unless plainly safe.
 */

const PLAIN = /^[A-Za-z_/][A-Za-z0-9 _./#$(){}'-]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

/** Single quotes (as prettier writes YAML) unless the text needs escapes. */
function quote(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/['\u0000-\u001f\\]/.test(text)) return `'${text}'`;
  return JSON.stringify(text);
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  const text = String(value);
  if (
    PLAIN.test(text) &&
    !RESERVED.test(text) &&
    !text.endsWith(' ') &&
    !/: | #/.test(text)
  ) {
    return text;
  }
  return quote(text);
}

function key(k: string): string {
  return /^[A-Za-z_/][A-Za-z0-9_/.{}-]*$/.test(k) && !RESERVED.test(k)
    ? k
    : quote(k);
}

function isEmpty(v: unknown): boolean {
  return (
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'object' &&
      v !== null &&
      !Array.isArray(v) &&
      Object.keys(v).length === 0)
  );
}

function emptyValue(v: unknown): string {
  return Array.isArray(v) ? '[]' : '{}';
}

function emit(value: unknown, indent: string, lines: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === 'object' && item !== null && !isEmpty(item)) {
        const sub: string[] = [];
        emit(item, `${indent}  `, sub);
        lines.push(`${indent}- ${sub[0].trimStart()}`, ...sub.slice(1));
      } else {
        lines.push(
          `${indent}- ${isEmpty(item) ? emptyValue(item) : scalar(item)}`,
        );
      }
    }
    return;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    if (isEmpty(v)) {
      lines.push(`${indent}${key(k)}: ${emptyValue(v)}`);
    } else if (typeof v === 'object' && v !== null) {
      lines.push(`${indent}${key(k)}:`);
      emit(v, `${indent}  `, lines);
    } else {
      lines.push(`${indent}${key(k)}: ${scalar(v)}`);
    }
  }
}

/** `value` (plain JSON data) as a YAML document. */
export function toYaml(value: unknown, header?: string): string {
  const lines: string[] = header
    ? header.split('\n').map(l => `# ${l}`.trimEnd())
    : [];
  emit(value, '', lines);
  return `${lines.join('\n')}\n`;
}
