import { createDevApp } from '@backstage/frontend-dev-utils';
import plugin from '../src';

// Runs the status frontend alone against a backend on :7007:
//   yarn workspace @status-layer/plugin-status start
createDevApp({ features: [plugin] });
