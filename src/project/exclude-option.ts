/**
 * "Leave it out" as a decide option (docs/decide.md): an `exclude:` entry for one entity of one
 * source, where leaving it out is the honest remedy (the second copy of a user two sources hold,
 * a user Active Directory no longer knows, a value too long to keep).
 */
import type { DecideOption } from '../model/index.js';
import { option } from './decide-option.js';
import type { ExcludeEntity } from './exclude.js';

export function excludeOption(label: string, source: string, entity: ExcludeEntity, key: string, reason: string): DecideOption {
  return option(label, 'exclude[]', { source, entity, key, reason });
}
