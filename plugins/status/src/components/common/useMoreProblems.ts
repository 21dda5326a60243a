import { useApi } from '@backstage/frontend-plugin-api';
import {
  StatusProblem,
  StatusSummary,
} from '@status-layer/plugin-status-common';
import { useEffect, useState } from 'react';
import { statusApiRef } from '../../api';

/**
 * The problems after the summary's first page, read `pageSize` at a time when
 * the reader asks; they follow the summary: a new summary drops them.
 */
export function useMoreProblems(summary: StatusSummary, pageSize: number) {
  const statusApi = useApi(statusApiRef);
  const [more, setMore] = useState<StatusProblem[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error>();
  useEffect(() => setMore([]), [summary]);
  const shown = summary.problems.length + more.length;
  const loadMore = () => {
    setLoading(true);
    statusApi
      .getProblems({ offset: shown, limit: pageSize })
      .then(
        page => {
          setError(undefined);
          setMore(previous => [...previous, ...page.problems]);
        },
        reason => setError(reason as Error),
      )
      .finally(() => setLoading(false));
  };
  return { more, shown, loading, error, loadMore };
}
