/**
 * The kinds whose page shows a roll-up of other entities (a System's parts,
 * a Domain's Systems, a Group's entities) rather than a status of their own.
 *
 * @public
 */
export const ROLLUP_KINDS = ['system', 'domain', 'group'] as const;

/** Whether entities of this kind (any case) have a roll-up page. @public */
export function isRollupKind(kind: string): boolean {
  return (ROLLUP_KINDS as readonly string[]).includes(
    kind.toLocaleLowerCase('en-US'),
  );
}
