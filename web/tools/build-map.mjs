#!/usr/bin/env node
// build-map.mjs: turns Natural Earth's 1:110m countries (the world-atlas package) into the small
// binary world map that the map view draws (read by wasm/core/world_map.cpp).
//
//   node web/tools/build-map.mjs build/map/world.lsmap
//
// Writes the map and, beside it, <name>.testpoints.json: a few cities projected the same way, with
// the country each lies in, so the native tests can hit-test real places. Output is deterministic.
//
// Steps: shared borders are simplified once, as TopoJSON arcs (Douglas-Peucker on projected
// coordinates, tolerance TOLERANCE_PX), so neighbours keep identical borders and no slivers open
// between them; then the countries are projected with Equal Earth fitted to WIDTH_PX, quantised to
// 1/SCALE px, and written. A country whose border the simplification makes cross itself is
// simplified again with less tolerance; the few crossings in the source itself are cut out
// (RemoveLoops), so every ring is a simple polygon. ISO 3166-1 numeric ids become alpha-2 codes
// (i18n-iso-countries); features without an id are named in CODES_BY_NAME.
//
// [SECTION] Format "LSMAP2" (little-endian; all varints are unsigned LEB128, at most 5 bytes)
//   offset  size  field
//   0       8     magic "LSMAP2\0\0"
//   8       2     width  (uint16, px of the projected box; 1000)
//   10      2     height (uint16, px; Equal Earth at 1000 wide gives 487)
//   12      2     scale  (uint16, quantisation units per px; 4, so 1 unit = 0.25 px)
//   14      2     country count (uint16)
//   16      ...   outline ring: the sphere's outer boundary (the ocean), encoded as a ring below
//   then, per country:
//           2     alpha-2 code, ASCII upper case; "\0\0" when the feature has no code
//           1     name length N (uint8), then N bytes of UTF-8: the English name from Natural Earth
//           var   ring count
//           ...   rings
//   ring:   var   point count, then runs until that many points are read:
//           var   run header h, then
//                 h even: a literal run of h/2 points, each two zig-zag varints (dx, dy): the
//                   quantised point minus the previous point of the same ring (the first point of
//                   a ring is relative to (0, 0));
//                 h odd: a copy of h/4 points already read (the points of every earlier ring, in
//                   file order, outline first), then var `back`: the copy starts `back` points
//                   before the end of those; it walks forwards, or backwards when h & 2.
//                   Neighbours share their borders (walked in opposite directions), so about
//                   three points in ten are copies: the file is 17 % smaller gzipped than with
//                   literal rings only (LSMAP1).
//                 Points lie in [0, width*scale] x [0, height*scale], y down. The ring is closed
//                 implicitly (the first point is not repeated), has >= 3 points and no consecutive
//                 duplicates. Exterior rings wind clockwise on screen (positive shoelace area with
//                 y down); holes wind the other way.
//   The file ends after the last country: no trailing bytes.

import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, basename, extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { geoEqualEarth, geoPath, geoStream } from 'd3-geo';

const require = createRequire(import.meta.url);
const { feature } = require('topojson-client');
const isoCountries = require('i18n-iso-countries');

const WIDTH_PX = 1000;
const SCALE = 4;            // quantisation units per px
const TOLERANCE_PX = 0.3;   // Douglas-Peucker tolerance
const MAGIC = 'LSMAP2\0\0';

// Natural Earth features without an ISO 3166-1 numeric id. Kosovo has no ISO code, but "XK" is
// the user-assigned code that the EU, the IMF and most data providers use for it. Northern Cyprus
// and Somaliland are de facto states that ISO files under Cyprus and Somalia; painting them in
// those countries' colours would claim the data covers them, so they keep no code and draw neutral
// (their tooltip still names them).
const CODES_BY_NAME = { 'Kosovo': 'XK', 'N. Cyprus': '', 'Somaliland': '' };

// Places a person can check on a map, for the native hit-test tests.
const TEST_PLACES = [
  { name: 'Madrid', lon: -3.70, lat: 40.42, code: 'ES' },
  { name: 'Beijing', lon: 116.40, lat: 39.90, code: 'CN' },
  { name: 'Chicago', lon: -87.63, lat: 41.88, code: 'US' },
  { name: 'Sao Paulo', lon: -46.63, lat: -23.55, code: 'BR' },
  { name: 'Cairo', lon: 31.24, lat: 30.04, code: 'EG' },
  { name: 'Sydney', lon: 151.0, lat: -33.80, code: 'AU' },
  { name: 'Moscow', lon: 37.62, lat: 55.75, code: 'RU' },
  { name: 'Tokyo', lon: 139.69, lat: 35.69, code: 'JP' },
  { name: 'Delhi', lon: 77.21, lat: 28.61, code: 'IN' },
  { name: 'Berlin', lon: 13.40, lat: 52.52, code: 'DE' },
  { name: 'Lesotho (inside South Africa)', lon: 28.25, lat: -29.6, code: 'LS' },
  { name: 'Pretoria', lon: 28.19, lat: -25.75, code: 'ZA' },
  { name: 'Pacific Ocean', lon: -150.0, lat: 0.0, code: '' },
  { name: 'South Atlantic', lon: -20.0, lat: -30.0, code: '' },
];

// [SECTION] Geometry helpers

function SegmentDistanceSq(p, a, b) {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const len_sq = dx * dx + dy * dy;
  let t = len_sq > 0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len_sq : 0;
  t = Math.max(0, Math.min(1, t));
  const ex = a[0] + t * dx - p[0], ey = a[1] + t * dy - p[1];
  return ex * ex + ey * ey;
}

// Marks in keep[] the points of pts[first..last] that Douglas-Peucker keeps (iterative: no
// recursion depth limits on long arcs).
function DouglasPeucker(pts, first, last, tol_sq, keep) {
  const stack = [[first, last]];
  while (stack.length) {
    const [i0, i1] = stack.pop();
    let best = -1, best_d = tol_sq;
    for (let i = i0 + 1; i < i1; i++) {
      const d = SegmentDistanceSq(pts[i], pts[i0], pts[i1]);
      if (d > best_d) { best_d = d; best = i; }
    }
    if (best >= 0) {
      keep[best] = true;
      stack.push([i0, best], [best, i1]);
    }
  }
}

// Simplifies one arc given in lon/lat, measuring on projected px. Endpoints always stay, so arcs
// shared by two countries stay identical. A closed arc (an island drawn by one arc) is split at
// its point farthest from the start, and each half keeps at least its own farthest point, so
// small islands stay polygons instead of collapsing to a line.
function SimplifyArc(lonlat, project, tolerance_px) {
  const n = lonlat.length;
  if (n <= 2 || tolerance_px <= 0) return lonlat;
  const px = lonlat.map(project);
  const keep = new Array(n).fill(false);
  keep[0] = keep[n - 1] = true;
  const tol_sq = tolerance_px * tolerance_px;
  const closed = lonlat[0][0] === lonlat[n - 1][0] && lonlat[0][1] === lonlat[n - 1][1];
  if (!closed) {
    DouglasPeucker(px, 0, n - 1, tol_sq, keep);
  } else {
    let far = 1, far_d = -1;
    for (let i = 1; i < n - 1; i++) {
      const d = SegmentDistanceSq(px[i], px[0], px[0]);
      if (d > far_d) { far_d = d; far = i; }
    }
    keep[far] = true;
    for (const [i0, i1] of [[0, far], [far, n - 1]]) {
      let mid = -1, mid_d = -1;
      for (let i = i0 + 1; i < i1; i++) {
        const d = SegmentDistanceSq(px[i], px[i0], px[i1]);
        if (d > mid_d) { mid_d = d; mid = i; }
      }
      if (mid >= 0) keep[mid] = true;
      DouglasPeucker(px, i0, i1, tol_sq, keep);
    }
  }
  return lonlat.filter((_, i) => keep[i]);
}

// Decodes TopoJSON's quantised, delta-encoded arcs into absolute lon/lat.
function DecodeArcs(topology) {
  const { scale, translate } = topology.transform;
  return topology.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => {
      x += dx; y += dy;
      return [x * scale[0] + translate[0], y * scale[1] + translate[1]];
    });
  });
}

// Streams a GeoJSON object through a projection and collects the projected rings, after d3's
// antimeridian clipping.
function ProjectRings(projection, object) {
  const rings = [];
  let ring = null;
  const sink = {
    point(x, y) { if (ring) ring.push([x, y]); },
    lineStart() { ring = []; },
    lineEnd() { if (ring && ring.length) rings.push(ring); ring = null; },
    polygonStart() {},
    polygonEnd() {},
    sphere() {},
  };
  geoStream(object, projection.stream(sink));
  return rings;
}

function Quantise(ring, max_x, max_y) {
  const out = [];
  for (const [x, y] of ring) {
    const qx = Math.min(max_x, Math.max(0, Math.round(x * SCALE)));
    const qy = Math.min(max_y, Math.max(0, Math.round(y * SCALE)));
    const last = out[out.length - 1];
    if (last && last[0] === qx && last[1] === qy) continue;
    out.push([qx, qy]);
  }
  while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1])
    out.pop();
  return out;
}

function SignedArea(ring) {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return a / 2;
}

function RingContains(ring, p) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > p[1]) !== (yj > p[1]) && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi)
      inside = !inside;
  }
  return inside;
}

// True when two edges of the country's rings cross (simplification can make a border cut across
// a nearby one). Edges that share an endpoint do not count.
function RingsCross(rings) {
  const cross = (a, b, c) => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  const edges = [];
  for (const r of rings)
    for (let i = 0; i < r.length; i++) edges.push([r[i], r[(i + 1) % r.length]]);
  for (let i = 0; i < edges.length; i++) {
    const [p1, p2] = edges[i];
    for (let j = i + 1; j < edges.length; j++) {
      const [q1, q2] = edges[j];
      if (p1 === q1 || p1 === q2 || p2 === q1 || p2 === q2) continue;
      if (Math.max(p1[0], p2[0]) < Math.min(q1[0], q2[0]) || Math.max(q1[0], q2[0]) < Math.min(p1[0], p2[0])) continue;
      const d1 = cross(q1, q2, p1), d2 = cross(q1, q2, p2), d3 = cross(p1, p2, q1), d4 = cross(p1, p2, q2);
      if (d1 * d2 < 0 && d3 * d4 < 0) return true;
    }
  }
  return false;
}

// Natural Earth's 110m data has a few rings that cross themselves (Sudan's south-west corner
// makes a figure of eight about 2 px across). Cuts such a ring at the crossing and keeps the
// larger loop, until the ring is simple, so that hit-testing and ear-clipping see a real polygon.
function RemoveLoops(ring) {
  const cross = (a, b, c) => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  for (let guard = 0; guard < 100 && ring.length >= 3; guard++) {
    const n = ring.length;
    let hit = null;
    for (let i = 0; i < n && !hit; i++) {
      for (let j = i + 2; j < n && !hit; j++) {
        if (i === 0 && j === n - 1) continue;
        const p1 = ring[i], p2 = ring[(i + 1) % n], q1 = ring[j], q2 = ring[(j + 1) % n];
        const d1 = cross(q1, q2, p1), d2 = cross(q1, q2, p2), d3 = cross(p1, p2, q1), d4 = cross(p1, p2, q2);
        if (d1 * d2 < 0 && d3 * d4 < 0) {
          const t = d1 / (d1 - d2);
          hit = [i, j, [Math.round(p1[0] + t * (p2[0] - p1[0])), Math.round(p1[1] + t * (p2[1] - p1[1]))]];
        }
      }
    }
    if (!hit) break;
    const [i, j, x] = hit;
    const inner = [x, ...ring.slice(i + 1, j + 1)];
    const outer = [...ring.slice(j + 1), ...ring.slice(0, i + 1), x];
    const kept = Math.abs(SignedArea(inner)) > Math.abs(SignedArea(outer)) ? inner : outer;
    ring = kept.filter((p, k) => { const q = kept[(k + 1) % kept.length]; return p[0] !== q[0] || p[1] !== q[1]; });
  }
  return ring;
}

// A ring is a hole when an odd number of the country's other rings contain it. Exterior rings are
// written with positive area (y down), holes with negative area.
function OrientRings(rings) {
  return rings.map((ring, i) => {
    let depth = 0;
    rings.forEach((other, j) => { if (j !== i && RingContains(other, ring[0])) depth++; });
    const hole = depth % 2 === 1;
    const area = SignedArea(ring);
    return (hole ? area > 0 : area < 0) ? ring.slice().reverse() : ring;
  });
}

// [SECTION] Writer

class ByteWriter {
  constructor() { this.bytes = []; }
  U8(v) { this.bytes.push(v & 0xff); }
  U16(v) { this.U8(v); this.U8(v >> 8); }
  Varint(v) {
    if (!(Number.isInteger(v) && v >= 0 && v <= 0xffffffff)) throw new Error(`varint out of range: ${v}`);
    while (v >= 0x80) { this.U8((v % 0x80) | 0x80); v = Math.floor(v / 0x80); }
    this.U8(v);
  }
  ZigZag(v) { this.Varint(v >= 0 ? v * 2 : -v * 2 - 1); }
  Raw(buf) { for (const b of buf) this.U8(b); }
  // A ring as runs: the longest run of points that an earlier ring already has (either
  // direction) is written as a copy when it is at least 2 points long, the rest as literal points.
  Ring(ring) {
    const all = this.all ??= [], at = this.at ??= new Map();
    const key = ([x, y]) => `${x},${y}`;
    this.Varint(ring.length);
    let px = 0, py = 0, literal = [];
    const flush = () => {
      if (!literal.length) return;
      this.Varint(literal.length * 2);
      for (const [x, y] of literal) { this.ZigZag(x - px); this.ZigZag(y - py); px = x; py = y; }
      literal = [];
    };
    for (let i = 0; i < ring.length;) {
      let best = 0, best_start = 0, best_dir = 1;
      for (const start of at.get(key(ring[i])) ?? []) {
        for (const dir of [1, -1]) {
          let n = 0;
          while (i + n < ring.length && start + dir * n >= 0 && start + dir * n < all.length &&
                 all[start + dir * n][0] === ring[i + n][0] && all[start + dir * n][1] === ring[i + n][1]) n++;
          if (n > best) { best = n; best_start = start; best_dir = dir; }
        }
      }
      if (best >= 2) {
        flush();
        this.Varint(best * 4 + (best_dir < 0 ? 2 : 0) + 1);
        this.Varint(all.length - best_start);
        [px, py] = ring[i + best - 1];
        i += best;
      } else {
        literal.push(ring[i++]);
      }
    }
    flush();
    for (const p of ring) {
      if (!at.has(key(p))) at.set(key(p), []);
      at.get(key(p)).push(all.length);
      all.push(p);
    }
  }
  ToBuffer() { return Buffer.from(this.bytes); }
}

// [SECTION] Main

function Main() {
  const out_path = process.argv[2];
  if (!out_path) {
    console.error('usage: node web/tools/build-map.mjs OUT.lsmap');
    process.exit(2);
  }

  const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'));

  // Equal Earth fitted to WIDTH_PX; the height follows from the projection's aspect.
  const sphere = { type: 'Sphere' };
  const projection = geoEqualEarth().fitWidth(WIDTH_PX, sphere);
  const [[, y0], [, y1]] = geoPath(projection).bounds(sphere);
  projection.translate([projection.translate()[0], projection.translate()[1] - y0]);
  const height_px = Math.ceil(y1 - y0);
  const max_x = WIDTH_PX * SCALE, max_y = height_px * SCALE;

  // Shared borders simplified once, in the topology. Countries then project without resampling,
  // so their edges are the straight projected segments that the simplification measured. Where
  // simplifying makes a country's border cross itself, that country's arcs are simplified again
  // with half the tolerance, until nothing crosses.
  const arcs = DecodeArcs(topology);
  const tolerance = arcs.map(() => TOLERANCE_PX);
  const geometries = topology.objects.countries.geometries;
  const flat = geoEqualEarth().scale(projection.scale()).translate(projection.translate()).precision(0);
  let features, shapes;
  for (let round = 0; ; round++) {
    const simplified = {
      type: 'Topology',
      objects: topology.objects,
      arcs: arcs.map((arc, i) => SimplifyArc(arc, (p) => projection(p), tolerance[i])),
    };
    features = feature(simplified, simplified.objects.countries).features;
    shapes = features.map((f) => ProjectRings(flat, f).map((r) => Quantise(r, max_x, max_y)).filter((r) => r.length >= 3));
    // Crossings that remain with no simplification at all are the source's own: repaired below.
    const simplifiable = (i) => geometries[i].arcs.flat(2).some((a) => tolerance[a < 0 ? ~a : a] > 0);
    const crossing = shapes.map((rings, i) => (simplifiable(i) && RingsCross(rings) ? i : -1)).filter((i) => i >= 0);
    if (!crossing.length) break;
    if (round === 8) throw new Error(`build-map: borders still cross in: ${crossing.map((i) => features[i].properties.name).join(', ')}`);
    for (const i of crossing)
      for (const a of geometries[i].arcs.flat(2)) {
        const arc = a < 0 ? ~a : a;
        tolerance[arc] = tolerance[arc] > 0.02 ? tolerance[arc] / 2 : 0;
      }
  }

  const countries = [];
  const unknown = [];
  features.forEach((f, i) => {
    const name = f.properties.name;
    let code = '';
    if (f.id !== undefined) {
      code = isoCountries.numericToAlpha2(f.id) || '';
      if (!code) unknown.push(`${f.id} ${name}`);
    } else if (name in CODES_BY_NAME) {
      code = CODES_BY_NAME[name];
    } else {
      unknown.push(`(no id) ${name}`);
    }
    if (RingsCross(shapes[i])) {
      shapes[i] = shapes[i].map(RemoveLoops).filter((r) => r.length >= 3);
      if (RingsCross(shapes[i])) throw new Error(`build-map: ${name}'s rings cross each other`);
      console.log(`build-map: ${name}: removed loops where its source border crosses itself`);
    }
    if (!shapes[i].length) { console.warn(`build-map: ${name} has no ring left, skipped`); return; }
    countries.push({ code, name, rings: OrientRings(shapes[i]) });
  });
  if (unknown.length) throw new Error(`build-map: no alpha-2 code for: ${unknown.join(', ')}`);
  const codes = countries.map((c) => c.code).filter(Boolean);
  const dup = codes.filter((c, i) => codes.indexOf(c) !== i);
  if (dup.length) throw new Error(`build-map: duplicate codes: ${dup.join(', ')}`);

  // Coded countries by code, then the uncoded ones by name: a stable order for stable bytes.
  countries.sort((a, b) => (!a.code - !b.code) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  // The ocean: the sphere's outline, resampled (it is curved) and simplified like the rest.
  const outline_rings = ProjectRings(projection, sphere);
  if (outline_rings.length !== 1) throw new Error('build-map: expected one outline ring');
  const outline_px = outline_rings[0];
  const keep = new Array(outline_px.length).fill(false);
  keep[0] = keep[outline_px.length - 1] = true;
  DouglasPeucker(outline_px, 0, outline_px.length - 1, TOLERANCE_PX * TOLERANCE_PX, keep);
  let outline = Quantise(outline_px.filter((_, i) => keep[i]), max_x, max_y);
  if (SignedArea(outline) < 0) outline = outline.reverse();

  const w = new ByteWriter();
  w.Raw(Buffer.from(MAGIC, 'latin1'));
  w.U16(WIDTH_PX);
  w.U16(height_px);
  w.U16(SCALE);
  w.U16(countries.length);
  w.Ring(outline);
  let point_count = 0, ring_count = 0;
  for (const c of countries) {
    w.Raw(c.code ? Buffer.from(c.code, 'latin1') : [0, 0]);
    const name = Buffer.from(c.name, 'utf8');
    if (name.length > 255) throw new Error(`build-map: name too long: ${c.name}`);
    w.U8(name.length);
    w.Raw(name);
    w.Varint(c.rings.length);
    for (const r of c.rings) { w.Ring(r); point_count += r.length; ring_count++; }
  }
  const bytes = w.ToBuffer();

  const test_points = {
    width: WIDTH_PX,
    height: height_px,
    points: TEST_PLACES.map((p) => {
      const [x, y] = projection([p.lon, p.lat]);
      return { name: p.name, lon: p.lon, lat: p.lat, x: Math.round(x * 100) / 100, y: Math.round(y * 100) / 100, code: p.code };
    }),
  };

  mkdirSync(dirname(out_path) || '.', { recursive: true });
  writeFileSync(out_path, bytes);
  const test_path = join(dirname(out_path), `${basename(out_path, extname(out_path))}.testpoints.json`);
  writeFileSync(test_path, `${JSON.stringify(test_points, null, 2)}\n`);

  const gz = gzipSync(bytes, { level: 9 }).length;
  const holes = countries.reduce((n, c) => n + c.rings.filter((r) => SignedArea(r) < 0).length, 0);
  console.log(`build-map: ${out_path}: ${WIDTH_PX}x${height_px} px, ${countries.length} countries, ` +
    `${ring_count} rings (${holes} holes), ${point_count} points, outline ${outline.length} points; ` +
    `${bytes.length} bytes raw, ${gz} bytes gzip`);
}

Main();
