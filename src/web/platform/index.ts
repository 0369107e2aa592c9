/**
 * The web page's platform services (issue 16), the only module src/web/app imports for them: the shipped
 * scenarios and dropped ones (checked as `geosim validate` checks them), share links, session and run files
 * interchangeable with the CLI's, the run summary `geosim run --format json` prints, and live odds in Web
 * Workers. The contract with the page: /work/coord/web-contract.md (and docs/architecture.md).
 *
 * Browser-safe: nothing here imports a `node:` module (the build bundles it for the browser platform).
 */
export { findLoaded, listShipped, loadShipped, validateDropped, MAX_DROPPED_BYTES, type Loaded, type ShippedEntry, type Validated } from './scenarios.js';
export { decodeShareLink, encodeShareLink, isShareLink, LINK_TAG, MAX_LINK_CHARS, type Decoded } from './share.js';
export { openFile, runFileText, runSummaryJson, sessionFileText, type Opened } from './files.js';
export { LIVE_RUNS, oddsFor, oddsWorkers, prepareOdds, startOdds, stopOdds, type McResult, type OddsJob } from './odds.js';
