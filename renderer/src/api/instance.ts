// The app's one API client, created when the renderer starts (this reads the lab token from the URL once).
import { createApiClient } from './client';

export const api = createApiClient(window);
