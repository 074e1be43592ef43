using Edge.Gateway.Core.Aggregation;

namespace Edge.Gateway.Core.Sinks;

/// <summary>Hands every closed window to each sink's pump and keeps the latest per window and flow for the API.</summary>
internal sealed class RollupDispatcher
{
    private readonly Dictionary<(string Window, int Flow), RollupRecord> _latest = [];
    private readonly List<SinkPump> _pumps = [];

    public IReadOnlyList<SinkPump> Pumps => _pumps;

    public void Add(SinkPump pump) => _pumps.Add(pump);

    public void Dispatch(IReadOnlyList<RollupRecord> records)
    {
        lock (_latest)
        {
            foreach (RollupRecord record in records)
            {
                _latest[(record.Window, record.Flow)] = record;
            }
        }

        foreach (SinkPump pump in _pumps)
        {
            pump.Offer(records);
        }
    }

    public IReadOnlyList<RollupRecord> Latest(int? flow)
    {
        lock (_latest)
        {
            return _latest.Values.Where(r => flow is null || r.Flow == flow).OrderBy(r => r.Flow).ThenBy(r => r.EndMs - r.StartMs).ToList();
        }
    }
}
