/* The options and help of `itsec fix` (kept apart from args.ts, which lists every command). */

/** The options of `itsec fix`. */
export const FIX_OPTIONS = [
  {
    name: 'entity',
    value: 'NAME',
    help: 'the entity to edit: its metadata.name or ref (component:default/payments)',
  },
  {
    name: 'kind',
    value: 'KIND',
    help: 'its kind, when the file holds two entities of that name',
  },
  {
    name: 'set',
    value: 'KEY=VALUE',
    help: 'an annotation to set, by short key (dr-plan-last-test) or full name; repeat for several',
  },
  {
    name: 'as-of',
    value: 'DATE',
    help: 'today YYYY-MM-DD (default: today): a date on which something happened may not be later',
  },
] as const;

/** What `itsec fix` does, for its help. */
export const FIX_SUMMARY = `Set or update itsec.justice.gov.uk/ annotations on one entity of a
catalog-info.yaml, in place, changing nothing else: comments, key order,
quoting and the other documents are kept. Values are checked as the catalog
checks them; an invalid one changes nothing. The same edit as the portal's
"Close security gaps" template (itsec:catalog-info:annotate).

Example:
  itsec fix catalog-info.yaml --entity payments \\
    --set dr-plan-last-test="2026-11-02 pass" --set dr-plan-rto=4h`;
