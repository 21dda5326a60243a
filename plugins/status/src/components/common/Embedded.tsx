import { ReactNode } from 'react';

/**
 * The value to give a sentence's placeholder for an element (a link, a name
 * in bold), for {@link Embedded} to put the element there.
 */
export const EMBED = '\uE000';

/**
 * A translated sentence with an element where the sentence was given
 * {@link EMBED}, so that each language puts the element where its word order
 * wants it, e.g. `<Embedded text={t('rootCause', { entity: EMBED })}>{link}</Embedded>`.
 * A sentence without the mark ends with the element.
 */
export function Embedded(props: { text: string; children: ReactNode }) {
  const [before, ...after] = props.text.split(EMBED);
  if (!after.length)
    return (
      <>
        {before} {props.children}
      </>
    );
  return (
    <>
      {before}
      {props.children}
      {after.join('')}
    </>
  );
}
