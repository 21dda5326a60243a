import { InfoCard } from '@backstage/core-components';
import { ComponentProps, ReactNode } from 'react';
import { Loaded } from './Loaded';
import { Polled } from './usePolling';
import { useStatusTabLink } from './statusLink';
import { useFilterWords, useSharedWords } from './useSectionWords';

/**
 * An entity page card around one read: its title (and subheader or deep
 * link) over {@link Loaded}, compact as cards are.
 */
export function LoadedCard<T>(props: {
  title: string;
  subheader?: string;
  deepLink?: ComponentProps<typeof InfoCard>['deepLink'];
  polled: Polled<T>;
  /** What could not be loaded, e.g. "the status". */
  what: string;
  children: (value: T) => ReactNode;
}) {
  return (
    <InfoCard
      title={props.title}
      subheader={props.subheader}
      deepLink={props.deepLink}
    >
      <Loaded polled={props.polled} what={props.what} compact>
        {props.children}
      </Loaded>
    </InfoCard>
  );
}

/**
 * The "Status" overview card of an entity page around one read of its
 * status, linking to the entity's Status tab when the app has one.
 */
export function StatusOverviewCard<T>(props: {
  entityRef: string;
  polled: Polled<T>;
  children: (value: T) => ReactNode;
}) {
  const link = useStatusTabLink()(props.entityRef);
  const words = useFilterWords();
  const t = useSharedWords();
  return (
    <LoadedCard
      title={t('statusTitle')}
      deepLink={link ? { title: words('openStatusTab'), link } : undefined}
      polled={props.polled}
      what={t('whatStatus')}
    >
      {props.children}
    </LoadedCard>
  );
}
