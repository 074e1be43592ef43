namespace Edge.Bench.Pool;

/// <summary>The single-flow physics, plus how many flows share a node.</summary>
internal sealed record PoolPhysics(Buffer.BenchPhysics Single, int Flows);

internal sealed record PoolReport(PoolPhysics Physics, IReadOnlyList<PoolRow> Totals, IReadOnlyList<MixReport> Mixes, PoolTargets Targets);

internal sealed record MixReport(IReadOnlyList<string> Traces, int Steps, int PoolBlocks, long Uplink, IReadOnlyList<PoolRow> Strategies);

internal sealed record PoolRow(string Strategy, long Dropped, long Arrived, double? Knob);

/// <summary>Best predictive strategy against static and reactive: mixes where it drops fewer than both, and ratios in total.</summary>
internal sealed record PoolTargets(string BestPredictive, int MixesWhereBestBeatsBoth, int Mixes, double StaticOverBest, double ReactiveOverBest, bool Met);
