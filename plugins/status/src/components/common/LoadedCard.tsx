import { InfoCard } from '@backstage/core-components';
import { ComponentProps, ReactNode } from 'react';
import { Loaded } from './Loaded';
import { Polled } from './usePolling';

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
