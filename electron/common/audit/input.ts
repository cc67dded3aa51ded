// What `audit.run` takes (pure zod, so the API contract and the renderer import it without the script builder): the
// uses a discovery sweep found, each with the account it runs as, merged into the inventory's usedBy.
import { z } from 'zod';
import { accountUseSchema } from './types.js';

/** A use a discovery sweep found, with the account it runs as (DOMAIN\name$ or name$). */
export const discoveredUseSchema = accountUseSchema.extend({ account: z.string().min(1).max(300) });
export type DiscoveredUse = z.infer<typeof discoveredUseSchema>;
