// Setup of the "reference" test project: the suites it runs see the fast paths off (lib/fast),
// so every rule is checked on the reference path as well as on the fast one.
import { setFastPaths } from "../lib";

setFastPaths(false);
