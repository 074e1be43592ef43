using Edge.Node.Core.Prediction;

namespace Edge.Gateway.Core.Learning;

/// <summary>
/// One number to compare any predictor's view of the coming peak, learned or classical: the pinball loss at tau of
/// the largest upper bound over the next <c>window</c> steps against the largest arrivals there, averaged over the
/// scored steps and divided by the series' mean so flows of different rates weigh alike. Lower is better.
/// </summary>
internal static class PeakScore
{
    /// <summary>Runs <paramref name="predictor"/> over all of <paramref name="series"/>, scoring the steps from <paramref name="from"/> on.</summary>
    public static double Loss(IPredictor predictor, double[] series, int from, int window, double tau)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(series);
        double sum = 0;
        double mean = 0;
        int scored = 0;
        for (int t = 0; t + window < series.Length; t++)
        {
            predictor.Update(series[t]);
            if (t < from)
            {
                continue;
            }

            double bound = 0;
            double peak = 0;
            for (int h = 1; h <= window; h++)
            {
                bound = Math.Max(bound, predictor.UpperBound(h));
                peak = Math.Max(peak, series[t + h]);
            }

            sum += PinballLoss.Plain(peak, bound, tau);
            mean += series[t];
            scored++;
        }

        if (scored == 0)
        {
            return double.NaN;
        }

        mean /= scored;
        return sum / scored / Math.Max(mean, 1e-9);
    }
}
