// Zod compiles fast parsers with `new Function` unless told not to; under the renderer's CSP (no 'unsafe-eval')
// even its probe for that is reported as a violation. This must run before any schema is built, so
// api/contract.ts imports it first.
import { z } from 'zod';

z.config({ jitless: true });
