import { useApi } from '@backstage/frontend-plugin-api';
import { useCallback, useState } from 'react';
import { statusApiRef } from '../../api';
import { CoverageWords } from './useCoverageWords';

/** What the last mapping did, in words. */
export type MappingNotice = { ok: boolean; text: string };

const statusOf = (error: unknown) =>
  (error as { statusCode?: number; response?: { status?: number } })
    .statusCode ??
  (error as { response?: { status?: number } }).response?.status;

/**
 * Maps PagerDuty services to entities through the API, or removes a portal
 * mapping, and says what came of it: that the mapping applies after the catalog next processes the
 * entity, or why it could not be made. `onMapped` reads the coverage again.
 */
export function useServiceMapping(words: CoverageWords, onMapped: () => void) {
  const api = useApi(statusApiRef);
  const [notice, setNotice] = useState<MappingNotice>();
  const [busy, setBusy] = useState(false);
  const map = useCallback(
    async (entityRef: string, serviceId: string, account?: string) => {
      setBusy(true);
      try {
        await api.setServiceMapping({
          entityRef,
          serviceId,
          ...(account ? { account } : {}),
        });
        setNotice({
          ok: true,
          text: words('mapped', { entity: entityRef, serviceId }),
        });
        onMapped();
      } catch (error) {
        const status = statusOf(error);
        let text = words('mapFailed', {
          entity: entityRef,
          error: (error as Error).message,
        });
        if (status === 409) text = words('mapConflict', { entity: entityRef });
        if (status === 403) text = words('mapNotAllowed');
        if (status === 404) text = words('mapNotFound', { entity: entityRef });
        setNotice({ ok: false, text });
      } finally {
        setBusy(false);
      }
    },
    [api, words, onMapped],
  );
  const unmap = useCallback(
    async (entityRef: string) => {
      setBusy(true);
      try {
        await api.removeServiceMapping(entityRef);
        setNotice({ ok: true, text: words('unmapped', { entity: entityRef }) });
        onMapped();
      } catch (error) {
        setNotice({
          ok: false,
          text:
            statusOf(error) === 403
              ? words('mapNotAllowed')
              : words('unmapFailed', {
                  entity: entityRef,
                  error: (error as Error).message,
                }),
        });
      } finally {
        setBusy(false);
      }
    },
    [api, words, onMapped],
  );
  return { map, unmap, notice, busy };
}
