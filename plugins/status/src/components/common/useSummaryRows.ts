import { useApi } from '@backstage/frontend-plugin-api';
import { StatusSummaryRow } from '@status-layer/plugin-status-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { statusApiRef, StatusSummaryRowsQuery } from '../../api';
import { useLiveStatus } from './useLiveStatus';

/** Rows per request: a few screenfuls. */
export const ROWS_PAGE = 200;

/** The pages that hold rows `first` to `last`. */
function pagesCovering([first, last]: [number, number]): number[] {
  const pages: number[] = [];
  for (
    let page = Math.floor(first / ROWS_PAGE);
    page <= Math.floor(last / ROWS_PAGE);
    page++
  )
    pages.push(page);
  return pages;
}

type Loaded = {
  /** The query these rows answer. */
  key: string;
  total: number;
  entities: number;
  pages: Map<number, StatusSummaryRow[]>;
};

/**
 * The rows of the "everything" list, read from the backend a page at a time
 * as they scroll into view, and read again when the backend pushes a change
 * (or on the safety poll). The rows on screen stay until their replacement
 * arrives, so a filter change or an update never blanks the list.
 */
export function useSummaryRows(query: StatusSummaryRowsQuery): {
  /** The row at an index, once its page has arrived. */
  rowAt: (index: number) => StatusSummaryRow | undefined;
  /** Rows in the whole list; undefined until the first page arrives. */
  total?: number;
  /** Entities that pass the filters. */
  entities?: number;
  /** Whether the rows on screen answer the current query. */
  current: boolean;
  error?: Error;
  /** Asks for the pages that cover rows `first` to `last`. */
  show: (first: number, last: number) => void;
} {
  const api = useApi(statusApiRef);
  const live = useLiveStatus();
  const key = JSON.stringify(query);
  const [loaded, setLoaded] = useState<Loaded>();
  const [error, setError] = useState<Error>();
  // the pages the list shows now, and those asked for and not yet answered
  const visible = useRef<[number, number]>([0, 0]);
  const inFlight = useRef(new Set<string>());
  const queryRef = useRef(query);
  queryRef.current = query;

  const fetchPage = useCallback(
    (forKey: string, page: number) => {
      const flightKey = `${forKey}#${page}`;
      if (inFlight.current.has(flightKey)) return;
      inFlight.current.add(flightKey);
      api
        .getSummaryRows(JSON.parse(forKey), {
          offset: page * ROWS_PAGE,
          limit: ROWS_PAGE,
        })
        .then(
          answer => {
            setError(undefined);
            setLoaded(previous => {
              // an answer to a query the reader has left is dropped
              if (forKey !== JSON.stringify(queryRef.current)) return previous;
              const sameQuery =
                previous?.key === forKey && previous.total === answer.total;
              const pages = sameQuery
                ? new Map(previous!.pages)
                : new Map<number, StatusSummaryRow[]>();
              pages.set(page, answer.rows);
              return {
                key: forKey,
                total: answer.total,
                entities: answer.entities,
                pages,
              };
            });
          },
          reason => setError(reason as Error),
        )
        .finally(() => inFlight.current.delete(flightKey));
    },
    [api],
  );

  // a new query, a pushed change or the safety poll: read the pages in view
  useEffect(() => {
    for (const page of pagesCovering(visible.current)) fetchPage(key, page);
    const timer = setInterval(() => {
      if (typeof document === 'undefined' || !document.hidden)
        for (const page of pagesCovering(visible.current)) fetchPage(key, page);
    }, live.intervalMs);
    return () => clearInterval(timer);
  }, [key, live.changes, live.intervalMs, fetchPage]);

  const current = loaded?.key === key;
  const show = useCallback(
    (first: number, last: number) => {
      visible.current = [first, last];
      for (const page of pagesCovering(visible.current))
        if (!(current && loaded?.pages.has(page))) fetchPage(key, page);
    },
    [current, loaded, key, fetchPage],
  );

  return {
    rowAt: index =>
      loaded?.pages.get(Math.floor(index / ROWS_PAGE))?.[index % ROWS_PAGE],
    total: loaded?.total,
    entities: loaded?.entities,
    current,
    error,
    show,
  };
}
