import * as ad from "./lib";
const f = (x: ad.Value) => ad.foriLoop(0, 1000000, (_i, y: ad.Value) => ad.add(ad.mul(ad.sin(y), 1.0001), ad.mul(0.5, y)), x);
console.log(ad.jitSource(f)(0.3));
console.log(ad.jitSource((x: ad.Value) => ad.jvp(f, [x], [1]))(0.3));
