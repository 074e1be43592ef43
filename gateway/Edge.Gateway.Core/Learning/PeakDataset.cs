using Edge.Node.Core.Prediction;

namespace Edge.Gateway.Core.Learning;

/// <summary>
/// Training rows for the peak model: at every step of every series (after a warm-up), the node's own inputs
/// (<see cref="PeakFeatures"/>, the class the node runs) and the target, the largest arrivals of the next
/// <c>Window</c> steps in units of the running level (capped like the inputs).
/// </summary>
internal sealed class PeakDataset
{
    private PeakDataset(double[] inputs, double[] targets, int rows)
    {
        Inputs = inputs;
        Targets = targets;
        Rows = rows;
    }

    /// <summary>Row-major, <see cref="PeakFeatures.Count"/> per row.</summary>
    public double[] Inputs { get; }

    public double[] Targets { get; }

    public int Rows { get; }

    public static PeakDataset Build(IEnumerable<double[]> series, int window, int period, int warmUp)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        var inputs = new List<double>();
        var targets = new List<double>();
        foreach (double[] values in series)
        {
            var features = new PeakFeatures();
            features.UsePeriod(period);
            for (int t = 0; t + window < values.Length; t++)
            {
                features.Update(values[t]);
                if (t < warmUp)
                {
                    continue;
                }

                double peak = 0;
                for (int h = 1; h <= window; h++)
                {
                    peak = Math.Max(peak, values[t + h]);
                }

                for (int j = 0; j < PeakFeatures.Count; j++)
                {
                    inputs.Add(features.Value(j));
                }

                targets.Add(Math.Min(PeakFeatures.Cap, peak / features.Scale));
            }
        }

        return new PeakDataset([.. inputs], [.. targets], targets.Count);
    }
}
