/**
 * Every measured figure of the series, by name: `ad.experiments.<name>` in a notebook, and the list
 * `npm run figures` writes. Each notebook's experiments live in their own file.
 */
export { fdError, fdCost } from "./finite-differences"; // 01
export { expressionSwell } from "./expression-swell"; // 02
export { forwardCost } from "./forward-mode"; // 02
export { axJacobian } from "./jacobians"; // 04
export { solveCost } from "./solve-cost"; // 05
export { checkpointing } from "./checkpointing"; // 06
