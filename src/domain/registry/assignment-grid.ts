/**
 * Data structures for assignment.ts.
 *
 * A uniform grid over points in a plane (km), for nearest-neighbour searches that
 * look at a few cells instead of every point: assigning thousands of items to
 * thousands of agents must not compare all pairs. Points can be switched off
 * (an agent that is full) so later searches skip them without rebuilding.
 */
export interface Point {
  x: number;
  y: number;
}

export class SpatialGrid {
  readonly cell: number;
  private readonly minX: number;
  private readonly minY: number;
  private readonly cols: number;
  private readonly rows: number;
  /** Points of cell c are order[start[c] .. start[c] + count[c]); switched-off points sit past count[c]. */
  private readonly start: Int32Array;
  private readonly count: Int32Array;
  private readonly order: Int32Array;
  private readonly slot: Int32Array;
  private readonly cellOf: Int32Array;
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;

  constructor(points: readonly Point[], bounds: readonly Point[] = points) {
    const n = points.length;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const p of [...points, ...bounds]) {
      if (p.x < minX) minX = p.x;
      if (p.y < minY) minY = p.y;
      if (p.x > maxX) maxX = p.x;
      if (p.y > maxY) maxY = p.y;
    }
    if (!Number.isFinite(minX)) minX = minY = maxX = maxY = 0;
    const width = Math.max(maxX - minX, 1e-6);
    const height = Math.max(maxY - minY, 1e-6);
    // About one point per cell: a search then touches a handful of cells.
    this.cell = Math.max(Math.sqrt((width * height) / Math.max(n, 1)), Math.max(width, height) / 2048, 1e-6);
    this.minX = minX;
    this.minY = minY;
    this.cols = Math.floor(width / this.cell) + 1;
    this.rows = Math.floor(height / this.cell) + 1;
    const cells = this.cols * this.rows;
    this.start = new Int32Array(cells + 1);
    this.count = new Int32Array(cells);
    this.order = new Int32Array(n);
    this.slot = new Int32Array(n);
    this.cellOf = new Int32Array(n);
    this.xs = new Float64Array(n);
    this.ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const p = points[i]!;
      this.xs[i] = p.x;
      this.ys[i] = p.y;
      const c = this.cellIndex(p.x, p.y);
      this.cellOf[i] = c;
      this.count[c]!++;
    }
    for (let c = 0; c < cells; c++) this.start[c + 1] = this.start[c]! + this.count[c]!;
    const fill = this.start.slice(0, cells);
    for (let i = 0; i < n; i++) {
      const c = this.cellOf[i]!;
      const s = fill[c]!++;
      this.order[s] = i;
      this.slot[i] = s;
    }
  }

  private col(x: number): number {
    return Math.min(this.cols - 1, Math.max(0, Math.floor((x - this.minX) / this.cell)));
  }
  private row(y: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((y - this.minY) / this.cell)));
  }
  private cellIndex(x: number, y: number): number {
    return this.row(y) * this.cols + this.col(x);
  }

  /** Stops offering point i to searches (swap it past the live part of its cell). */
  remove(i: number): void {
    const c = this.cellOf[i]!;
    const s = this.slot[i]!;
    const lastSlot = this.start[c]! + this.count[c]! - 1;
    if (s > lastSlot) return;
    const other = this.order[lastSlot]!;
    this.order[s] = other;
    this.slot[other] = s;
    this.order[lastSlot] = i;
    this.slot[i] = lastSlot;
    this.count[c]!--;
  }

  get cellCount(): number {
    return this.cols * this.rows;
  }

  /** Cells are grouped into blocks of BLOCK × BLOCK, so a search can skip a whole block at once. */
  static readonly BLOCK = 4;

  get blockCount(): number {
    return Math.ceil(this.cols / SpatialGrid.BLOCK) * Math.ceil(this.rows / SpatialGrid.BLOCK);
  }

  blockOfCell(cell: number): number {
    const B = SpatialGrid.BLOCK;
    return Math.floor(Math.floor(cell / this.cols) / B) * Math.ceil(this.cols / B) + Math.floor((cell % this.cols) / B);
  }

  private boxDistance(x: number, y: number, left: number, top: number, size: number): number {
    const dx = x < left ? left - x : x > left + size ? x - left - size : 0;
    const dy = y < top ? top - y : y > top + size ? y - top - size : 0;
    return Math.sqrt(dx * dx + dy * dy);
  }

  /**
   * Visits live points whose distance + weight[i] is below `limit`, ring by ring, skipping blocks and
   * cells whose least weight (`blockMin`, `cellMin`) rules them out, and stopping once
   * nothing unvisited can qualify (`floor` bounds every weight). Pricing in the flow solver
   * asks exactly this: which agents are close enough, given their potentials, to pay.
   */
  forEachBelow(
    x: number,
    y: number,
    weight: Float64Array,
    cellMin: Float64Array,
    blockMin: Float64Array,
    floor: number,
    limit: number,
    /** Returns true to stop the search. */
    visit: (i: number, d: number) => boolean,
  ): number {
    const B = SpatialGrid.BLOCK;
    const span = B * this.cell;
    const bcols = Math.ceil(this.cols / B);
    const brows = Math.ceil(this.rows / B);
    const bx = Math.floor(this.col(x) / B);
    const by = Math.floor(this.row(y) / B);
    const left0 = this.minX + bx * span;
    const top0 = this.minY + by * span;
    const inner = Math.max(0, Math.min(x - left0, left0 + span - x, y - top0, top0 + span - y));
    let work = 0;
    const maxRing = Math.max(bcols, brows);
    for (let r = 0; r <= maxRing && inner + Math.max(0, r - 1) * span + floor < limit; r++) {
      for (let gy = Math.max(0, by - r); gy <= Math.min(brows - 1, by + r); gy++) {
        const edgeRow = gy === by - r || gy === by + r;
        for (let gx = bx - r; gx <= bx + r; gx += edgeRow || r === 0 ? 1 : 2 * r) {
          if (gx < 0 || gx >= bcols) continue;
          work++;
          if (this.boxDistance(x, y, this.minX + gx * span, this.minY + gy * span, span) + blockMin[gy * bcols + gx]! >= limit) continue;
          for (let cy = gy * B; cy < Math.min(this.rows, gy * B + B); cy++) {
            for (let cx = gx * B; cx < Math.min(this.cols, gx * B + B); cx++) {
              const c = cy * this.cols + cx;
              if (this.count[c] === 0) continue;
              if (this.boxDistance(x, y, this.minX + cx * this.cell, this.minY + cy * this.cell, this.cell) + cellMin[c]! >= limit)
                continue;
              for (let s = this.start[c]!, end = s + this.count[c]!; s < end; s++) {
                const i = this.order[s]!;
                const dx = this.xs[i]! - x;
                const dy = this.ys[i]! - y;
                const d = Math.sqrt(dx * dx + dy * dy);
                work++;
                if (d + weight[i]! < limit && visit(i, d)) return work;
              }
            }
          }
        }
      }
    }
    return work;
  }

  /** Per-cell and per-block minima of a weight per point, the bounds `forEachBelow` prunes with. */
  minima(weight: Float64Array): { cellMin: Float64Array; blockMin: Float64Array; floor: number } {
    const cellMin = new Float64Array(this.cols * this.rows).fill(Infinity);
    const blockMin = new Float64Array(this.blockCount).fill(Infinity);
    let floor = Infinity;
    for (let i = 0; i < this.xs.length; i++) {
      const c = this.cellOf[i]!;
      const w = weight[i]!;
      if (w < cellMin[c]!) cellMin[c] = w;
      const b = this.blockOfCell(c);
      if (w < blockMin[b]!) blockMin[b] = w;
      if (w < floor) floor = w;
    }
    return { cellMin, blockMin, floor };
  }

  /**
   * The k nearest live points to (x, y) that `accept` allows, nearest first, written into
   * `outIdx`/`outDist`; returns how many were found. Rings of cells widen until the k-th
   * best is closer than anything an unvisited ring could hold.
   */
  nearest(x: number, y: number, k: number, outIdx: Int32Array, outDist: Float64Array, accept?: (i: number) => boolean): number {
    let found = 0;
    const cx = this.col(x);
    const cy = this.row(y);
    const maxRing = Math.max(this.cols, this.rows);
    // Distance from the point to the edges of its own cell: the first ring may be nearer than a whole cell.
    const inner = Math.min(
      x - (this.minX + cx * this.cell),
      this.minX + (cx + 1) * this.cell - x,
      y - (this.minY + cy * this.cell),
      this.minY + (cy + 1) * this.cell - y,
    );
    for (let r = 0; r <= maxRing; r++) {
      const x0 = cx - r;
      const x1 = cx + r;
      const y0 = cy - r;
      const y1 = cy + r;
      for (let gy = Math.max(0, y0); gy <= Math.min(this.rows - 1, y1); gy++) {
        const edgeRow = gy === y0 || gy === y1;
        const step = edgeRow ? 1 : x1 - x0;
        for (let gx = x0; gx <= x1; gx += step || 1) {
          if (gx < 0 || gx >= this.cols) continue;
          const c = gy * this.cols + gx;
          const end = this.start[c]! + this.count[c]!;
          for (let s = this.start[c]!; s < end; s++) {
            const i = this.order[s]!;
            if (accept && !accept(i)) continue;
            const dx = this.xs[i]! - x;
            const dy = this.ys[i]! - y;
            const d = Math.sqrt(dx * dx + dy * dy);
            if (found === k && d >= outDist[k - 1]!) continue;
            // Insertion into the short sorted list: k is small.
            let j = found < k ? found++ : k - 1;
            while (j > 0 && outDist[j - 1]! > d) {
              outDist[j] = outDist[j - 1]!;
              outIdx[j] = outIdx[j - 1]!;
              j--;
            }
            outDist[j] = d;
            outIdx[j] = i;
          }
        }
      }
      // Anything in ring r + 1 or beyond is at least this far away.
      const reach = Math.max(0, inner) + r * this.cell;
      if (found === k && outDist[k - 1]! <= reach) break;
    }
    return found;
  }
}

/** A binary min-heap of (key, node) with lazy deletion: Dijkstra pushes again rather than decreasing a key. */
export class MinHeap {
  private keys = new Float64Array(1024);
  private nodes = new Int32Array(1024);
  size = 0;
  /** The key of the node the last `pop` returned. */
  topKey = 0;

  clear(): void {
    this.size = 0;
  }

  push(key: number, node: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      this.nodes = nodes;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent]! <= key) break;
      this.keys[i] = this.keys[parent]!;
      this.nodes[i] = this.nodes[parent]!;
      i = parent;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
  }

  pop(): number {
    const node = this.nodes[0]!;
    this.topKey = this.keys[0]!;
    const key = this.keys[--this.size]!;
    const last = this.nodes[this.size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.keys[child + 1]! < this.keys[child]!) child++;
      if (this.keys[child]! >= key) break;
      this.keys[i] = this.keys[child]!;
      this.nodes[i] = this.nodes[child]!;
      i = child;
    }
    this.keys[i] = key;
    this.nodes[i] = last;
    return node;
  }
}
