/**
 * A secret the project takes from the environment (`{ env: NAME }`) whose variable is not set on
 * this machine. Plan, report, script and rollout need no secret value (they mask it, or the DBA
 * gives it as a sqlcmd variable), so the setting is planned with this stand-in; only the commands
 * that write the value (migrate, apply) refuse, before connecting, and the SQL writer refuses it
 * too (DB_SECRET_UNAVAILABLE) so a stand-in can never reach the database.
 */
import { Sensitive } from './sensitive.js';

export class UnsetSecret extends Sensitive {
  /** The environment variable that would hold the value. */
  readonly envName: string;
  constructor(envName: string) {
    // A text no real secret is (NUL inside), so equality with an actual value is always false.
    super(`\u0000unset-environment-variable:${envName}`);
    this.envName = envName;
  }
}

/** True for a secret whose environment variable was not set when the project was loaded. */
export function isUnsetSecret(value: unknown): value is UnsetSecret {
  return value instanceof UnsetSecret;
}
