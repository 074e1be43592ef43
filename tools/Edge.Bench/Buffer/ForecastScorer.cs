using Edge.Node.Core.Prediction;

namespace Edge.Bench.Buffer;

/// <summary>Counts behind one predictor's burst-onset score; they add up across traces.</summary>
internal sealed record ForecastCounts(string Predictor, long WarnedSteps, long TrueWarnings, long Onsets, long PredictedOnsets, long LeadSum)
{
    public double Precision => WarnedSteps == 0 ? 0.0 : (double)TrueWarnings / WarnedSteps;

    public double Recall => Onsets == 0 ? 0.0 : (double)PredictedOnsets / Onsets;

    public double F1 => Precision + Recall == 0 ? 0.0 : 2 * Precision * Recall / (Precision + Recall);

    public double MeanLeadSteps => PredictedOnsets == 0 ? 0.0 : (double)LeadSum / PredictedOnsets;

    public ForecastCounts Add(ForecastCounts other) => new(
        Predictor,
        WarnedSteps + other.WarnedSteps,
        TrueWarnings + other.TrueWarnings,
        Onsets + other.Onsets,
        PredictedOnsets + other.PredictedOnsets,
        LeadSum + other.LeadSum);
}

/// <summary>
/// Scores burst-onset forecasts. An onset is a step whose arrivals exceed the drain after a step that did not.
/// After each update, while not already in a burst, the predictor warns if it raises its alarm or its upper bound
/// exceeds the drain at some horizon 1..L+1 (L = expansion latency): the horizons a grow request made now can cover.
/// A warning is true if an onset follows within L+1 steps; an onset is predicted if a warning came 1..L+1 steps
/// before it, and its lead is measured from the earliest such warning.
/// </summary>
internal static class ForecastScorer
{
    public static ForecastCounts Score(IPredictor predictor, int[] arrivals, int drain, int latency)
    {
        int window = latency + 1;
        int n = arrivals.Length;
        var warned = new bool[n];
        for (int s = 0; s < n; s++)
        {
            predictor.Update(arrivals[s]);
            if (arrivals[s] > drain)
            {
                continue;
            }

            bool warn = predictor.Alarm;
            for (int h = 1; h <= window && !warn; h++)
            {
                warn = predictor.UpperBound(h) > drain;
            }

            warned[s] = warn;
        }

        var onset = new bool[n];
        long onsets = 0;
        for (int t = 1; t < n; t++)
        {
            onset[t] = arrivals[t] > drain && arrivals[t - 1] <= drain;
            onsets += onset[t] ? 1 : 0;
        }

        long warnedSteps = 0;
        long trueWarnings = 0;
        for (int s = 0; s < n; s++)
        {
            if (!warned[s])
            {
                continue;
            }

            warnedSteps++;
            for (int t = s + 1; t <= Math.Min(n - 1, s + window); t++)
            {
                if (onset[t])
                {
                    trueWarnings++;
                    break;
                }
            }
        }

        long predicted = 0;
        long leadSum = 0;
        for (int t = 1; t < n; t++)
        {
            if (!onset[t])
            {
                continue;
            }

            for (int s = Math.Max(0, t - window); s < t; s++)
            {
                if (warned[s])
                {
                    predicted++;
                    leadSum += t - s;
                    break;
                }
            }
        }

        return new ForecastCounts(predictor.Name, warnedSteps, trueWarnings, onsets, predicted, leadSum);
    }
}
