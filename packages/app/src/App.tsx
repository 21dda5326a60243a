import { createApp } from '@backstage/frontend-defaults';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { translationsModule } from './modules/translations';
import {
  catalogGraphWithStatus,
  catalogWithStatus,
} from './modules/catalogStatus';

export default createApp({
  features: [
    catalogWithStatus,
    catalogGraphWithStatus,
    navModule,
    homeModule,
    translationsModule,
  ],
});
