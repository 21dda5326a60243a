import { CodeSnippet } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { StatusPublicLinks } from '@status-layer/plugin-status-common';
import { LoadedCard, usePublicLinks, useStatusTabWords } from '../common';

/**
 * For status admins: the entity's status badge for a README and its Atom
 * feed, with the token that opens them when the entity is not public.
 * Nothing for anyone else.
 */
export function PublicLinksCard(props: { entityRef: string; title: string }) {
  const links = usePublicLinks(props.entityRef);
  const t = useStatusTabWords();
  // nothing while loading, and nothing for anyone but a status admin
  if (links.loading || links.value === null) return null;
  return (
    <LoadedCard
      title={t('badgeAndFeed')}
      polled={links}
      what={t('whatBadgeAndFeed')}
    >
      {value => value && <PublicLinks value={value} title={props.title} />}
    </LoadedCard>
  );
}

function PublicLinks(props: { value: StatusPublicLinks; title: string }) {
  const { value, title } = props;
  const t = useStatusTabWords();
  if (!value.available)
    return <Typography variant="body2">{t('notPublic', { title })}</Typography>;
  return (
    <>
      <Typography variant="body2" paragraph>
        {value.public ? t('isPublic', { title }) : t('tokenLinks', { title })}
      </Typography>
      <img src={value.badgeUrl} alt={t('badgeAlt', { title })} />
      <Typography variant="overline" component="div">
        {t('badgeForReadme')}
      </Typography>
      <CodeSnippet
        language="markdown"
        text={`![status](${value.badgeUrl})`}
        showCopyCodeButton
      />
      <Typography variant="overline" component="div">
        {t('atomFeed')}
      </Typography>
      <CodeSnippet language="text" text={value.feedUrl} showCopyCodeButton />
    </>
  );
}
