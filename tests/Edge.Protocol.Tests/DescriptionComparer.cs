using System.Collections;

namespace Edge.Protocol.Tests;

/// <summary>Compares two GoldenVectors.Describe results, arrays by content.</summary>
internal sealed class DescriptionComparer : IEqualityComparer<Dictionary<string, object?>>
{
    public static readonly DescriptionComparer Instance = new();

    public bool Equals(Dictionary<string, object?>? x, Dictionary<string, object?>? y) =>
        x is not null && y is not null && x.Count == y.Count && x.All(p => y.TryGetValue(p.Key, out var v) && Same(p.Value, v));

    public int GetHashCode(Dictionary<string, object?> obj) => obj.Count;

    private static bool Same(object? a, object? b) =>
        a is IStructuralEquatable s ? s.Equals(b, StructuralComparisons.StructuralEqualityComparer) : Equals(a, b);
}
