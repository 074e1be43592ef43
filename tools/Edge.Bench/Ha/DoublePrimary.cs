namespace Edge.Bench.Ha;

/// <summary>
/// Double-primary time: how long, in total, at least two gateways were acking at once. Each gateway's acks of one
/// term form a span from its first to its last ack; time covered by spans of two different gateways counts (two
/// terms of the same gateway never overlap in time, and a gateway restarted under the same id is a new process
/// whose spans start after the old one's end).
/// </summary>
internal static class DoublePrimary
{
    public static long Milliseconds(IEnumerable<AckSpan> spans)
    {
        // Sweep over span boundaries, counting the distinct gateways acking in each stretch.
        var edges = spans.SelectMany(s => new[] { (At: s.FirstMs, Gateway: s.Gateway, Open: 1), (At: s.LastMs + 1, Gateway: s.Gateway, Open: -1) })
            .OrderBy(e => e.At).ThenBy(e => e.Open).ToList();
        var open = new Dictionary<string, int>(StringComparer.Ordinal);
        long total = 0;
        long last = 0;
        foreach (var edge in edges)
        {
            if (open.Count(g => g.Value > 0) >= 2)
            {
                total += edge.At - last;
            }

            open[edge.Gateway] = open.GetValueOrDefault(edge.Gateway) + edge.Open;
            last = edge.At;
        }

        return total;
    }
}
