namespace Edge.Bench.Buffer;

/// <summary>The bench's JSON document: totals over all traces, then each trace.</summary>
internal sealed record BenchReport(
    BenchPhysics Physics,
    IReadOnlyList<StrategyRow> Totals,
    IReadOnlyList<ForecastRow> Forecast,
    IReadOnlyList<TraceReport> Traces,
    TargetCheck Targets);

internal sealed record TraceReport(string Trace, int Steps, double OracleMeanCapacity, double Budget, IReadOnlyList<StrategyRow> Strategies, IReadOnlyList<ForecastRow> Forecast);

/// <summary>A strategy at the memory budget. Knob is null in totals (it is chosen per trace).</summary>
internal sealed record StrategyRow(
    string Strategy,
    long Dropped,
    long Arrived,
    double MeanCapacity,
    double DropRate,
    double CapacityVsOracle,
    double? Knob,
    bool OverBudget);

internal sealed record ForecastRow(string Predictor, double Precision, double Recall, double F1, double MeanLeadSteps, long Onsets)
{
    public static ForecastRow From(ForecastCounts counts) =>
        new(counts.Predictor, counts.Precision, counts.Recall, counts.F1, counts.MeanLeadSteps, counts.Onsets);
}

/// <summary>
/// The targets, evaluated on this run. AvoidableRatio compares drops above the oracle's (which no strategy can
/// avoid under the ceiling): (reactive - oracle) / (best predictive - oracle).
/// </summary>
internal sealed record TargetCheck(
    string BestPredictive,
    long BestPredictiveDropped,
    long ReactiveDropped,
    double ReactiveOverBestRatio,
    bool FiveTimesFewerThanReactive,
    long OracleDropped,
    double AvoidableRatio,
    int TracesWhereStaticOrBestDrops,
    int TracesWhereBestBeatsStatic,
    IReadOnlyList<string> TracesWhereBestDoesNotBeatStatic);
