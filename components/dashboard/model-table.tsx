import type { ModelRow } from '@/lib/contracts/dashboard';
import { formatMs, formatTokensPerSecond, formatUsd } from './format';

/** Per model and provider: volume, failures, speed and cost. */
export function ModelTable({ models }: { models: ModelRow[] }) {
  return (
    <div className="overflow-x-auto">
      <table data-testid="model-table" className="w-full min-w-[32rem] text-left text-xs">
        <thead className="text-slate-500">
          <tr className="border-b border-slate-200">
            <th className="py-1.5 pr-2 font-medium">Model</th>
            <th className="px-2 font-medium text-right">Turns</th>
            <th className="px-2 font-medium text-right">Failed</th>
            <th className="px-2 font-medium text-right">TTFT p50</th>
            <th className="px-2 font-medium text-right">Latency p95</th>
            <th className="px-2 font-medium text-right">Tokens/s p50</th>
            <th className="pl-2 font-medium text-right">Cost</th>
          </tr>
        </thead>
        <tbody className="tabular-nums text-slate-700">
          {models.map((row) => (
            <tr
              key={`${row.model}/${row.provider}`}
              data-testid="model-row"
              data-model={row.model}
              className="border-b border-slate-100"
            >
              <td className="py-1.5 pr-2">
                <span className="font-medium text-slate-900">{row.model}</span>{' '}
                <span className="text-slate-500">{row.provider}</span>
              </td>
              <td className="px-2 text-right" data-testid="model-turns">
                {row.turns}
              </td>
              <td className={`px-2 text-right ${row.failed ? 'text-rose-700' : ''}`}>{row.failed}</td>
              <td className="px-2 text-right">{formatMs(row.ttftP50)}</td>
              <td className="px-2 text-right">{formatMs(row.latencyP95)}</td>
              <td className="px-2 text-right">{formatTokensPerSecond(row.tokensPerSecondP50)}</td>
              <td className="pl-2 text-right">{formatUsd(row.costUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
