// The domain map's drawing figures (issue 11): a generated 5,000-unit estate in the protocol's
// shape (clusters of linked units and loners, in 60 folders) drawn folded by folder, as the map
// opens on it, and a 500-unit one drawn unfolded. Target: the folded view within 2 s. Prints JSON;
// `npm run bench` runs it in its own process.

import { drawMap } from '../../server/src/map/draw';
import { estate } from '../cli/map-estate';

function time(f: () => { width: number; height: number; svg: string }) {
  const s = process.hrtime.bigint();
  const r = f();
  return { ms: Math.round(Number(process.hrtime.bigint() - s) / 1e5) / 10, width: r.width, height: r.height, kb: Math.round(r.svg.length / 1024) };
}

const big = estate(5000, 'mixed', 60);
const small = estate(500, 'mixed');
const folded = time(() => drawMap(big, { foldAbove: 80 }));
const foldedOneOpen = time(() => drawMap(big, { foldAbove: 80, expanded: ['services-7/'] }));
const unfolded500 = time(() => drawMap(small));
const again500 = time(() => drawMap(small));
const map = {
  units5000Folded: { ...folded, target: 'under 2000 ms' },
  units5000FoldedOneGroupExpanded: foldedOneOpen,
  units500Unfolded: unfolded500,
  units500UnfoldedWarm: again500,
  edges5000: big.edges.length,
};
process.stdout.write(JSON.stringify({ map }));
