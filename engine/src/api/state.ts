import type { AppAbility } from '../access/ability.js';
import type { Principal } from '../org/principal.js';

export interface AppState {
  principal?: Principal;
  ability?: AppAbility;
  tokenId?: number;
}
