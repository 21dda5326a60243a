import { CodeSnippet, InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { statusApiRef } from '../../api';

/**
 * For status admins: the entity's status badge for a README and its Atom
 * feed, with the token that opens them when the entity is not public.
 * Nothing for anyone else.
 */
export function PublicLinksCard(props: { entityRef: string; title: string }) {
  const api = useApi(statusApiRef);
  const links = useAsync(
    async () => api.getPublicLinks(props.entityRef),
    [api, props.entityRef],
  );
  if (links.error)
    return (
      <InfoCard title="Badge and feed">
        <Typography variant="body2" color="error" role="alert">
          Could not read the badge and feed addresses: {links.error.message}
        </Typography>
      </InfoCard>
    );
  if (!links.value) return null;
  const { value } = links;
  return (
    <InfoCard title="Badge and feed">
      {!value.available ? (
        <Typography variant="body2">
          {props.title} is not public. Add it to status.public.entities, or set
          status.public.tokenSecret to share it with a token.
        </Typography>
      ) : (
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
          <CodeSnippet
            language="text"
            text={value.feedUrl}
            showCopyCodeButton
          />
        </>
      )}
    </InfoCard>
  );
}
