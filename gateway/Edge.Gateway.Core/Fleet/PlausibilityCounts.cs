namespace Edge.Gateway.Core.Fleet;

/// <summary>Windows failed per check since start, in the order of <see cref="Checks"/> (metric label: the check's name in lower case).</summary>
internal sealed record PlausibilityCounts(IReadOnlyList<long> Failed)
{
    public static readonly PlausibilityChecks[] Checks =
        [PlausibilityChecks.Arrivals, PlausibilityChecks.Forecast, PlausibilityChecks.Heartbeat, PlausibilityChecks.Values];

    public static readonly PlausibilityCounts Empty = new(new long[Checks.Length]);

    public long Of(PlausibilityChecks check) => Failed[Array.IndexOf(Checks, check)];
}
