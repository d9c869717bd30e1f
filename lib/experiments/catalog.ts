/**
 * Every measured figure of the series, by name: `ad.experiments.<name>` in a notebook, and the list
 * `npm run figures` writes. Each notebook's experiments live in their own file.
 */
export { fdError, fdCost } from "./finite-differences";
export { expressionSwell } from "./expression-swell";
export { forwardCost } from "./forward-mode";
