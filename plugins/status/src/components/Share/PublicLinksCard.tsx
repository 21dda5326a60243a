import { CodeSnippet } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { StatusPublicLinks } from '@status-layer/plugin-status-common';
import { LoadedCard, usePublicLinks } from '../common';

/**
 * For status admins: the entity's status badge for a README and its Atom
 * feed, with the token that opens them when the entity is not public.
 * Nothing for anyone else.
 */
export function PublicLinksCard(props: { entityRef: string; title: string }) {
  const links = usePublicLinks(props.entityRef);
  // nothing while loading, and nothing for anyone but a status admin
  if (links.loading || links.value === null) return null;
  return (
    <LoadedCard
      title="Badge and feed"
      polled={links}
      what="the badge and feed addresses"
    >
      {value => value && <PublicLinks value={value} title={props.title} />}
    </LoadedCard>
  );
}

function PublicLinks(props: { value: StatusPublicLinks; title: string }) {
  const { value } = props;
  if (!value.available)
    return (
      <Typography variant="body2">
        {props.title} is not public. Add it to status.public.entities, or set
        status.public.tokenSecret to share it with a token.
      </Typography>
    );
  return (
    <>
      <Typography variant="body2" paragraph>
        {value.public
          ? `${props.title} is public: anyone may read its badge and feed.`
          : `Anyone holding these addresses may read ${props.title}'s level and its changes; share them with care. Changing status.public.tokenSecret revokes them.`}
      </Typography>
      <img src={value.badgeUrl} alt={`Status of ${props.title}`} />
      <Typography variant="overline" component="div">
        Badge for a README
      </Typography>
      <CodeSnippet
        language="markdown"
        text={`![status](${value.badgeUrl})`}
        showCopyCodeButton
      />
      <Typography variant="overline" component="div">
        Atom feed of its level changes
      </Typography>
      <CodeSnippet language="text" text={value.feedUrl} showCopyCodeButton />
    </>
  );
}
