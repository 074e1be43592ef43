using Edge.Gateway.Core.Learning;
using Edge.Protocol;

namespace Edge.Gateway.Core.Storage;

/// <summary>
/// The learner's view of the store: every flow's committed samples, one value a step (the simulator and the boards
/// record one sample per flow per step), read back from the committed batches, newest last. Works on either store.
/// </summary>
internal sealed class CommittedHistory(IGatewayStore store) : IFlowHistory
{
    public IReadOnlyList<int> Flows => [.. store.LoadFlows().Select(f => f.Flow).Order()];

    public long Length(int flow) => store.LoadFlows().FirstOrDefault(f => f.Flow == flow)?.Committed ?? 0;

    public double[] Recent(int flow, int steps)
    {
        var batches = new List<double[]>();
        var batch = new DataBatch();
        foreach (byte[] payload in store.NewestBatches(flow, steps))
        {
            if (DataBatchCodec.Decode(payload, 0, payload.Length, batch) == ProtocolError.None)
            {
                batches.Add(batch.Values[..batch.Count]);
            }
        }

        var values = new List<double>();
        for (int b = batches.Count - 1; b >= 0; b--)
        {
            values.AddRange(batches[b]);
        }

        return [.. values.Skip(Math.Max(0, values.Count - steps))];
    }
}
