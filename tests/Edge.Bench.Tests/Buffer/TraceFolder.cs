using System.Globalization;

namespace Edge.Bench.Tests.Buffer;

/// <summary>A temporary folder of <c>timestamp,value</c> CSVs written by a test.</summary>
internal sealed class TraceFolder : IDisposable
{
    private readonly TempDirectory _directory = new();

    public string Path => _directory.Path;

    public void Write(string name, IEnumerable<double> values)
    {
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        IEnumerable<string> rows = values.Select((v, i) => start.AddMinutes(5 * i).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "," + v.ToString(CultureInfo.InvariantCulture));
        File.WriteAllLines(_directory.File(name), ["timestamp,value", .. rows]);
    }

    public void Dispose() => _directory.Dispose();
}
