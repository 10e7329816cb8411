// Nothing to download: every binary Parley needs ships inside an npm package.
// This hook only reminds a developer where Chromium for e2e comes from.
if (!process.env.CI) {
  console.log("parley: installed. Run `npm start` to serve the seeded app, `npm test` to test it.");
}
