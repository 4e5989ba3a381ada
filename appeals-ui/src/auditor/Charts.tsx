import { bars, PALETTE, type Point, seriesKeys } from './charts';
import { humanize } from '../common/format';

/** Horizontal bars of an aggregation, with the numbers written out (the chart is also its own table). */
export function BarChart({ title, counts }: { title: string; counts: Record<string, number> | undefined }) {
  const rows = bars(counts);
  const max = Math.max(1, ...rows.map((r) => r.value));
  const height = rows.length * 26 + 8;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      {rows.length === 0 ? (
        <p className="muted">No data.</p>
      ) : (
        <svg role="img" aria-label={`${title}: ${rows.map((r) => `${r.key} ${r.value}`).join(', ')}`} viewBox={`0 0 400 ${height}`} width="100%">
          {rows.map((r, i) => (
            <g key={r.key} transform={`translate(0, ${i * 26 + 4})`}>
              <text x={0} y={15} fontSize={12} fill="currentColor">
                {humanize(r.key)}
              </text>
              <rect x={140} y={2} height={18} width={(220 * r.value) / max} fill={PALETTE[i % PALETTE.length]} />
              <text x={145 + (220 * r.value) / max} y={15} fontSize={12} fill="currentColor">
                {r.value}
              </text>
            </g>
          ))}
        </svg>
      )}
    </figure>
  );
}

/** Stacked columns per day. */
export function TimeChart({ title, points }: { title: string; points: Point[] }) {
  const keys = seriesKeys(points);
  const max = Math.max(1, ...points.map((p) => p.total));
  const width = 400;
  const plot = 150;
  const step = points.length ? (width - 40) / points.length : 0;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      {points.length === 0 ? (
        <p className="muted">No data.</p>
      ) : (
        <>
          <svg role="img" aria-label={`${title}, ${points.length} days`} viewBox={`0 0 ${width} ${plot + 30}`} width="100%">
            <text x={0} y={10} fontSize={10} fill="currentColor">
              {max}
            </text>
            <line x1={30} y1={plot} x2={width} y2={plot} stroke="currentColor" strokeWidth={0.5} />
            {points.map((p, i) => {
              let y = plot;
              return (
                <g key={p.day}>
                  {keys.map((k, ki) => {
                    const h = ((p.counts[k] ?? 0) / max) * (plot - 10);
                    y -= h;
                    return h > 0 ? (
                      <rect key={k} x={35 + i * step} y={y} width={Math.max(1, step - 2)} height={h} fill={PALETTE[ki % PALETTE.length]}>
                        <title>{`${p.day} ${k}: ${p.counts[k]}`}</title>
                      </rect>
                    ) : null;
                  })}
                </g>
              );
            })}
            <text x={35} y={plot + 20} fontSize={10} fill="currentColor">
              {points[0].day}
            </text>
            <text x={width} y={plot + 20} fontSize={10} fill="currentColor" textAnchor="end">
              {points[points.length - 1].day}
            </text>
          </svg>
          <ul className="legend">
            {keys.map((k, i) => (
              <li key={k}>
                <span className="swatch" style={{ background: PALETTE[i % PALETTE.length] }} aria-hidden="true" /> {humanize(k)}
              </li>
            ))}
          </ul>
        </>
      )}
    </figure>
  );
}
