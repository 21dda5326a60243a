/**
 * One section's words keyed as the translation ref names them
 * (`<section>.<key>`), for a language's resource.
 */
export function sectionTranslations<
  S extends string,
  M extends Partial<Record<string, string>>,
>(section: S, messages: M): { [K in keyof M & string as `${S}.${K}`]: string } {
  return Object.fromEntries(
    Object.entries(messages).map(([key, text]) => [`${section}.${key}`, text]),
  ) as { [K in keyof M & string as `${S}.${K}`]: string };
}
