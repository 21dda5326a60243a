import {
  appLanguageApiRef,
  useApiHolder,
} from '@backstage/frontend-plugin-api';
import { useEffect, useMemo, useState } from 'react';
import { useSharedWords } from './useSectionWords';

/**
 * The locale to write dates and times in: the app's language (chosen in
 * Settings), with the browser's region when the browser speaks it too
 * (`en-GB` for English in a British browser), else the language alone.
 */
export function readerLocale(
  language: string | undefined,
  browserLanguages: readonly string[] = typeof navigator === 'undefined'
    ? []
    : navigator.languages ?? [navigator.language],
): string | undefined {
  if (!language) return browserLanguages[0];
  return (
    browserLanguages.find(l => l.split('-')[0] === language.split('-')[0]) ??
    language
  );
}

/** {@link readerLocale} for the app's language now, following the reader's choice. */
export function useReaderLocale(): string | undefined {
  const languageApi = useApiHolder().get(appLanguageApiRef);
  const [language, setLanguage] = useState(
    () => languageApi?.getLanguage().language,
  );
  useEffect(() => {
    const subscription = languageApi
      ?.language$()
      .subscribe(({ language: next }) => setLanguage(next));
    return () => subscription?.unsubscribe();
  }, [languageApi]);
  return readerLocale(language);
}

/** A time of day in a locale (the browser's without one) and the reader's time zone, e.g. "10:42". */
export const timeOfDay = (iso: string, locale?: string) =>
  new Date(iso).toLocaleTimeString(locale ?? [], {
    hour: '2-digit',
    minute: '2-digit',
  });

/** Times and durations in the reader's language. */
export type TimeWords = {
  /** How long ago, e.g. "12 s ago", "4 min ago", "3 h ago". */
  ago: (from: Date | string, now?: Date) => string;
  /** How long since, without "ago", e.g. "12 s", "4 min". */
  since: (from: Date | string, now?: Date) => string;
  /** A duration, e.g. "2 h 05 min", "40 min", "under a minute". */
  duration: (ms: number) => string;
  /** A time of day in the reader's locale and time zone, e.g. "10:42". */
  clock: (iso: string) => string;
  /** A date and time in the reader's locale and time zone, e.g. "6 Dec 2026, 10:42". */
  dateTime: (iso: string) => string;
  /** A day in the reader's locale, e.g. "Fri 4 Dec". */
  day: (iso: string) => string;
  /** The locale they are written in. */
  locale?: string;
};

const MINUTE = 60_000;

/**
 * Times and durations in the reader's language and locale, for components
 * (which may call hooks).
 */
export function useTimeWords(): TimeWords {
  const t = useSharedWords();
  const locale = useReaderLocale();
  return useMemo(() => {
    const since = (from: Date | string, now: Date = new Date()) => {
      const seconds = Math.max(
        0,
        Math.round((now.getTime() - new Date(from).getTime()) / 1000),
      );
      if (seconds < 60) return t('timeSeconds', { count: seconds });
      if (seconds < 3600)
        return t('timeMinutes', { count: Math.floor(seconds / 60) });
      if (seconds < 86400)
        return t('timeHours', { count: Math.floor(seconds / 3600) });
      return t('timeDays', { count: Math.floor(seconds / 86400) });
    };
    return {
      locale,
      clock: iso => timeOfDay(iso, locale),
      dateTime: iso =>
        new Date(iso).toLocaleString(locale, {
          dateStyle: 'medium',
          timeStyle: 'short',
        }),
      day: iso =>
        new Date(iso).toLocaleDateString(locale, {
          weekday: 'short',
          day: 'numeric',
          month: 'short',
        }),
      since,
      ago: (from, now) => t('timeAgo', { time: since(from, now) }),
      duration: ms => {
        if (ms < MINUTE) return t('durationUnderMinute');
        const minutes = Math.round(ms / MINUTE);
        if (minutes < 60) return t('timeMinutes', { count: minutes });
        const hours = Math.floor(minutes / 60);
        const rest = minutes % 60;
        return rest
          ? t('durationHoursMinutes', {
              hours,
              minutes: String(rest).padStart(2, '0'),
            })
          : t('timeHours', { count: hours });
      },
    };
  }, [t, locale]);
}
