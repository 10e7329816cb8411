import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    cspNonce?: string;
    /** The client address as express sees it (proxies trusted on loopback only). */
    clientIp?: string;
  }
}
