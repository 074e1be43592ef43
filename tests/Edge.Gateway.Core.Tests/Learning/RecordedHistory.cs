using Edge.Gateway.Core.Learning;

namespace Edge.Gateway.Core.Tests.Learning;

/// <summary>An in-memory fleet history the test appends to, step by step.</summary>
internal sealed class RecordedHistory : IFlowHistory
{
    private readonly SortedDictionary<int, List<double>> _flows = [];

    public IReadOnlyList<int> Flows => [.. _flows.Keys];

    public void Append(int flow, IEnumerable<double> values)
    {
        if (!_flows.TryGetValue(flow, out List<double>? list))
        {
            _flows[flow] = list = [];
        }

        list.AddRange(values);
    }

    public long Length(int flow) => _flows[flow].Count;

    public double[] Recent(int flow, int steps)
    {
        List<double> list = _flows[flow];
        int take = Math.Min(steps, list.Count);
        return [.. list.GetRange(list.Count - take, take)];
    }
}

/// <summary>Keeps what would have been published as retained config.</summary>
internal sealed class RecordingPublisher : IModelPublisher
{
    public List<ModelRelease?> Sent { get; } = [];

    public void Publish(ModelRelease release) => Sent.Add(release);

    public void Withdraw() => Sent.Add(null);
}
