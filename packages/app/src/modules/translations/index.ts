import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { TranslationBlueprint } from '@backstage/plugin-app-react';
import { statusTranslations } from '@status-layer/plugin-status';

/** The status plugin's words in other languages than English (Japanese). */
export const translationsModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    TranslationBlueprint.make({
      name: 'status',
      params: { resource: statusTranslations },
    }),
  ],
});
