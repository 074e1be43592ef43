using System.IO.Hashing;
using System.Text;

namespace Edge.Gateway.Core.Balancing;

/// <summary>
/// Consistent hashing with bounded loads (Mirrokni, Thorup and Zadimoghaddam, 2018): each flow goes to the
/// first node clockwise from its hash whose load stays under (1 + ε) times its fair share. A join or leave
/// moves only the flows whose ring successor changed, and no node ends far above the mean.
/// </summary>
internal sealed class BoundedLoadHashBalancer(double epsilon = 0.25, int pointsPerNode = 64) : IFlowBalancer
{
    public string Name => "bounded-hash";

    public IReadOnlyDictionary<int, string> Assign(IReadOnlyList<FlowDemand> flows, IReadOnlyList<NodeCapacity> nodes, IReadOnlyDictionary<int, string> current)
    {
        var result = new Dictionary<int, string>();
        if (nodes.Count == 0)
        {
            return result;
        }

        var ring = nodes.SelectMany(n => Enumerable.Range(0, pointsPerNode).Select(i => (Hash(n.Node + "#" + i), n.Node)))
            .OrderBy(p => p.Item1).ToArray();
        var book = new LoadBook(nodes);
        double total = flows.Sum(f => f.Load);
        double capacity = nodes.Sum(n => n.Capacity);
        foreach (var flow in flows.OrderBy(f => Hash("flow-" + f.Flow)))
        {
            int start = FirstAtOrAfter(ring, Hash("flow-" + flow.Flow));
            string? chosen = null;
            for (int k = 0; k < ring.Length && chosen is null; k++)
            {
                string node = ring[(start + k) % ring.Length].Item2;
                double bound = (1 + epsilon) * Math.Max(total * book[node].Capacity / capacity, flow.Load);
                if (flow.CanRunOn(node) && book.HasRoom(node) && book.Load(node) + flow.Load <= bound + 1e-9)
                {
                    chosen = node;
                }
            }

            chosen ??= book.Nodes.Where(n => flow.CanRunOn(n.Node) && book.HasRoom(n.Node)).OrderBy(n => book.Utilisation(n.Node)).Select(n => n.Node).FirstOrDefault();
            if (chosen is not null)
            {
                result[flow.Flow] = chosen;
                book.Add(chosen, flow.Load);
            }
        }

        return result;
    }

    private static ulong Hash(string text) => XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(text));

    private static int FirstAtOrAfter((ulong Point, string Node)[] ring, ulong hash)
    {
        int lo = 0;
        int hi = ring.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (ring[mid].Point < hash)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo % ring.Length;
    }
}
