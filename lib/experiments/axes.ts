/**
 * Plot pieces the experiments share: log axes labelled by decades, and legends placed inside a
 * corner the curves leave empty (on a white ground, so a grid line does not cross the text).
 */

/** A log axis with a label at every `dtick`-th decade, written as powers of ten. */
export const logAxis = (title: string, dtick = 1) => ({ title, type: "log", dtick, exponentformat: "power" }) as const;

const ground = "rgba(255,255,255,0.8)";

/** Top left: the corner rising curves leave empty. */
export const legendTopLeft = { x: 0.01, y: 0.99, bgcolor: ground };

/** Top centre: the space above the two arms of a V. */
export const legendTopCentre = { x: 0.5, xanchor: "center", y: 0.99, bgcolor: ground };
