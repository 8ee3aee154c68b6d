import type { AppAbility } from '../access/ability.js';
import type { Principal } from '../org/principal.js';

export interface AppState {
  principal?: Principal;
  ability?: AppAbility;
  /** The engine's own token or cookie session behind this request. */
  tokenId?: number;
  /** Whether the session was opened with a second factor. */
  mfa?: boolean;
  cookieSession?: boolean;
  /** The OIDC client behind an OIDC access token. */
  clientId?: string;
}
