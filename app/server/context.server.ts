// What every loader and action receives as `context`, built per request by the HTTP server.
import type { RequestAuth } from "./http/auth.server.ts";
import type { Services } from "./services.server.ts";

export interface RequestContext {
  services: Services;
  requestId: string;
  /** CSP nonce for this response's scripts and styles. */
  nonce: string;
  clientAddress: string;
  auth: RequestAuth;
}

declare module "react-router" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends RequestContext {}
}
