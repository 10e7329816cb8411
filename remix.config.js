/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // Server-only packages stay external; everything the browser needs is bundled.
  serverDependenciesToBundle: [],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Off on purpose (docs/decisions/0012): its MutationObserver runs querySelectorAll over the
    // parent of every node React adds, which cost 0.6 s when a long transcript renders its rows.
    // With about forty routes the whole manifest is small enough to send with the page.
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: true,
  },
};
