import { AccountState } from '../state';
import { Faults } from './guards';
import { Shapes } from './shapes';

/** What every REST router of the simulator reads: the account, its shapes and the faults in force. */
export type RouterParts = {
  state: AccountState;
  shapes: Shapes;
  faults: () => Faults;
};
