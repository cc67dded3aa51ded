import type { ApiError } from '../api/contract';

/** One piece of data from the core: the last value, the last error, and whether a call is running now. */
export interface LoadState<T> {
  readonly value: T | null;
  readonly error: ApiError | null;
  readonly loading: boolean;
}

export const notLoaded: LoadState<never> = { value: null, error: null, loading: false };
