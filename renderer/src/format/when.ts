// Dates and durations in the admin's words, on every screen. The formatter is the core's (electron/common/when.ts),
// so the core's messages and the screens word a date the same way; the renderer reaches it through the contract.
export { formatAbsolute, formatDuration, formatMinutes, formatWhen, type WhenOptions } from '../api/contract';
