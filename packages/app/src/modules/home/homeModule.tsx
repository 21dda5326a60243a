import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

const content = `
## Meridian Status

The developer portal of the Meridian Group, with the health of every service.

- **[Status](/status)** — the company-wide status page: what is broken now,
  why, and who is on it.
- **[Catalog](/)** — every service, API and data store; open one and choose its
  **Status** tab to see its incidents, the upstream services that affect it,
  its owners and who is on call.
- **Is it us or an upstream?** Impact follows the catalog's \`dependsOn\` and
  \`consumesApis\` relations, so an outage of a shared service shows up on
  every service that depends on it, with the root cause.

Connect a service to PagerDuty with the \`pagerduty.com/service-id\`
annotation in its \`catalog-info.yaml\`.
`;

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'GettingStarted',
    title: 'Getting Started',
    description: 'What this portal shows and where to start',
    components: async () => ({
      Content: () => <MarkdownContent content={content} />,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [gettingStartedWidget],
});
