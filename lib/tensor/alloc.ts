/**
 * Fresh, zero-filled Float64Arrays for tensor data, carved from shared slabs when small.
 *
 * Why: V8 gives each typed array of more than 64 bytes a separate off-heap buffer, whose allocation
 * costs more than all the arithmetic of a small op; a view into a shared slab is a small object on
 * V8's heap. Even the tiniest arrays, which V8 would keep on its own heap, come from the slab: the
 * view alone is smaller than V8's typed array with its own buffer object, and a tape keeps one
 * per recorded step, all of which the garbage collector has to walk through. Slabs are filled by a
 * bump pointer and never reused, so every view starts zeroed; a slab is freed once no view into it
 * is alive.
 * Consequence: small tensors share `data.buffer`; never transfer or detach it.
 */

/** Arrays of more elements get their own buffer (their allocation cost is small next to their use). */
const LARGEST_FROM_SLAB = 1024;
/** 64 KB: at most this much stays alive because of one surviving small tensor. */
const SLAB_BYTES = 65536;

let slab = new ArrayBuffer(0);
let used = 0;

/**
 * A new zeroed Float64Array of n elements.
 * @example const out = allocate(12); out[0] = 1;
 */
export function allocate(n: number): Float64Array {
  if (n > LARGEST_FROM_SLAB) return new Float64Array(n);
  const bytes = n * 8;
  if (used + bytes > slab.byteLength) {
    slab = new ArrayBuffer(SLAB_BYTES);
    used = 0;
  }
  const out = new Float64Array(slab, used, n);
  used += bytes;
  return out;
}

/**
 * A new Float64Array (from `allocate`) holding the given values.
 * @example copyOf([1, 2, 3])
 */
export function copyOf(values: ArrayLike<number>): Float64Array {
  const out = allocate(values.length);
  out.set(values);
  return out;
}
