// Placeholder entry of the web page (issue 16), replaced by the web helper's app: it only proves the pipeline.
import { listShipped } from '../platform/index.js';

const app = document.getElementById('app');
void listShipped().then((list) => {
  if (app) app.textContent = `geosim: ${list.length} scenario(s) shipped`;
  document.body.dataset.ready = '1';
});
