using System.Text.RegularExpressions;

namespace Edge.Dashboard.Tests.Fixtures;

/// <summary>Metric names used by the monitoring files, and the names a histogram's series add to its base name.</summary>
internal static partial class MetricNames
{
    public static readonly string[] MonitoringFiles =
    [
        Repo.Path("docs", "monitoring", "alerts.yml"),
        Repo.Path("docs", "monitoring", "grafana-dashboard.json"),
    ];

    public static SortedSet<string> UsedByMonitoring() =>
        new(MonitoringFiles.SelectMany(f => Name().Matches(File.ReadAllText(f)).Select(m => m.Value)), StringComparer.Ordinal);

    /// <summary>A histogram or summary named X is scraped as X_bucket, X_sum and X_count.</summary>
    public static string Base(string name) => Suffix().Replace(name, "");

    [GeneratedRegex(@"\bedge_[a-z0-9_]+\b")]
    public static partial Regex Name();

    [GeneratedRegex("_(bucket|sum|count)$")]
    private static partial Regex Suffix();
}
