import { createApp } from '@backstage/frontend-defaults';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import {
  catalogGraphWithStatus,
  catalogWithStatus,
} from './modules/catalogStatus';

export default createApp({
  features: [catalogWithStatus, catalogGraphWithStatus, navModule, homeModule],
});
